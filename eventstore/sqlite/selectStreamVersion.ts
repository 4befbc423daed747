import type { Database } from 'better-sqlite3';

export const prepareSelectStreamVersion = (db: Database) => {
  const stmt = db.prepare('SELECT version FROM events WHERE stream_id = ? ORDER BY version DESC LIMIT 1').pluck();
  return (streamId: string): number => (stmt.get(streamId) as number | undefined) ?? 0;
};
