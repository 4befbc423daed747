import type { StoredEvent } from '../../eventstore/port.js';
import { defineProjection } from '../runner/projection.js';

/** Channel settings as key/value rows (values JSON), for analysts; defaults are not stored. */
export const channelSettingsProjection = defineProjection({
  name: 'channel_settings',
  tables: ['channel_settings'],
  handlers: {
    ChannelSettingsChanged: async (db, e: StoredEvent<Record<string, unknown>>) => {
      for (const [key, value] of Object.entries(e.data)) {
        if (value === undefined) continue;
        const stored =
          key === 'tierCriteria'
            ? { ...JSON.parse((await db.get<{ value: string }>(`SELECT value FROM channel_settings WHERE key = 'tierCriteria'`))?.value ?? '{}'), ...(value as object) }
            : value;
        await db.run(
          `INSERT INTO channel_settings (key, value, changed_at) VALUES (?, ?, ?)
           ON CONFLICT (key) DO UPDATE SET value = excluded.value, changed_at = excluded.changed_at`,
          [key, JSON.stringify(stored), e.recordedAt],
        );
      }
    },
  },
});
