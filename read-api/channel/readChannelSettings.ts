import { ChannelSettingsChange, defaultChannelSettings, type ChannelSettings } from '../../domain/channel/index.js';
import { named } from '../../http/contract.js';
import type { SqlDb } from '../../infra/sql/sqlDb.js';

/** Current channel settings: stored changes over the defaults. */
export const readChannelSettings = async (db: SqlDb): Promise<ChannelSettings> => {
  const rows = await db.all<{ key: string; value: string }>('SELECT key, value FROM channel_settings');
  const stored = Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
  return {
    ...defaultChannelSettings,
    ...stored,
    tierCriteria: { ...defaultChannelSettings.tierCriteria, ...((stored.tierCriteria as object) ?? {}) },
  };
};

/** Every setting, defaults included (GET /channel/settings). */
export const ChannelSettingsOut = named('ChannelSettings', ChannelSettingsChange.required());
