import { json, table, tablesOf, text } from '../../infra/sql/tables.js';

/** Channel settings as changed, values JSON (migration 0012). */
export const channelTables = tablesOf(
  table('channel_settings', { key: text(), value: json(), changed_at: text() }, ['key']),
);
