import type { Database } from 'better-sqlite3';

export interface EventLocation {
  stream_id: string;
  version: number;
  position: number;
}

export const prepareSelectEventById = (db: Database) => {
  const stmt = db.prepare('SELECT stream_id, version, position FROM events WHERE event_id = ?');
  return (eventId: string): EventLocation | undefined => stmt.get(eventId) as EventLocation | undefined;
};
