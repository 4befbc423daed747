import { ChannelSettingsChange, defaultChannelSettings, type ChannelSettings } from '../../domain/channel/index.js';
import { named } from '../../http/contract.js';
import type { SqlDb } from '../../infra/sql/sqlDb.js';

const load = async (db: SqlDb): Promise<ChannelSettings> => {
  const rows = await db.all<{ key: string; value: string }>('SELECT key, value FROM channel_settings');
  const stored = Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
  return deepFreeze({
    ...defaultChannelSettings,
    ...stored,
    tierCriteria: { ...defaultChannelSettings.tierCriteria, ...((stored.tierCriteria as object) ?? {}) },
  });
};

const deepFreeze = <T>(value: T): T => {
  if (value && typeof value === 'object') for (const v of Object.values(Object.freeze(value))) deepFreeze(v);
  return value;
};

const cached = new WeakMap<SqlDb, { readonly version: number; readonly settings: Promise<ChannelSettings> }>();

/**
 * Current channel settings: stored changes over the defaults. Settings change only with an event, and
 * most reads (the directory, scorecards, health) need them: where the reader can tell that nothing was
 * written since (`changeCounter`), the last answer serves, frozen, so no caller can change it for the next.
 */
export const readChannelSettings = (db: SqlDb): Promise<ChannelSettings> => {
  const version = db.changeCounter?.();
  if (version === undefined) return load(db);
  const hit = cached.get(db);
  if (hit?.version === version) return hit.settings;
  // The version is read before the rows, so the rows are at least that new.
  const settings = load(db);
  cached.set(db, { version, settings });
  settings.catch(() => cached.delete(db));
  return settings;
};

/** Every setting, defaults included (GET /channel/settings). */
export const ChannelSettingsOut = named('ChannelSettings', ChannelSettingsChange.required());
