import { defineProjection } from '../runner/projection.js';

/** Channel settings as key/value rows (values JSON), for analysts; defaults are not stored. */
export const channelSettingsProjection = defineProjection({
  name: 'channel_settings',
  tables: ['channel_settings'],
  handlers: {
    ChannelSettingsChanged: async (db, e) => {
      for (const [key, value] of Object.entries(e.data)) {
        if (value === undefined) continue;
        // Tier criteria change tier by tier: a change merges into what is stored.
        const stored =
          key === 'tierCriteria'
            ? {
                ...JSON.parse(
                  (await db.selectOne('channel_settings', ['value'], { key: 'tierCriteria' }))?.value ?? '{}',
                ),
                ...(value as object),
              }
            : value;
        await db.upsert(
          'channel_settings',
          { key, value: JSON.stringify(stored), changed_at: e.recordedAt },
          { set: ['value', 'changed_at'] },
        );
      }
    },
  },
});
