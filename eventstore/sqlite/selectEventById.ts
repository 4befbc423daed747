import type { Database } from 'better-sqlite3';
import type { EventLocation } from '../originalResult.js';

export const prepareSelectEventById = (db: Database) => {
  const stmt = db.prepare('SELECT stream_id AS streamId, version, position FROM events WHERE event_id = ?');
  return (eventId: string): EventLocation | undefined => stmt.get(eventId) as EventLocation | undefined;
};
