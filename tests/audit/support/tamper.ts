import Database from 'better-sqlite3';
import { eventHash } from '../../../eventstore/hashChain.js';
import type { EventRow } from '../../../eventstore/sqlite/eventRow.js';

/**
 * Tampering with a store the way someone with the file and the `sqlite3` shell would: plain SQL on
 * the events table. Each helper opens the file, changes it and closes it.
 */
export const withDb = <T>(file: string, work: (db: Database.Database) => T): T => {
  const db = new Database(file);
  try {
    return work(db);
  } finally {
    db.close();
  }
};

export const rowAt = (db: Database.Database, position: number) =>
  db.prepare('SELECT * FROM events WHERE position = ?').get(position) as EventRow;

/** Moves every event at or after `from` by `delta` positions (through negatives: the primary key stays unique). */
export const shiftPositions = (db: Database.Database, from: number, delta: number) => {
  db.prepare('UPDATE events SET position = -(position + ?) WHERE position >= ?').run(delta, from);
  db.exec('UPDATE events SET position = -position WHERE position < 0');
};

/** Puts the event at `from` at position `to`, shifting those in between by one (a reordering). */
export const moveEvent = (db: Database.Database, from: number, to: number) => {
  db.prepare('UPDATE events SET position = -1 WHERE position = ?').run(from);
  if (from < to) {
    db.prepare('UPDATE events SET position = -(position - 1) WHERE position > ? AND position <= ?').run(from, to);
  } else {
    db.prepare('UPDATE events SET position = -(position + 1) WHERE position >= ? AND position < ?').run(to, from);
  }
  db.exec('UPDATE events SET position = -position WHERE position < -1');
  db.prepare('UPDATE events SET position = ? WHERE position = -1').run(to);
};

const insertRow = (db: Database.Database, row: EventRow) =>
  db
    .prepare(
      `INSERT INTO events
       (position, stream_id, version, event_id, type, schema_version, data, metadata, recorded_at, hash)
     VALUES
       (@position, @stream_id, @version, @event_id, @type, @schema_version, @data, @metadata, @recorded_at, @hash)`,
    )
    .run(row);

/** A forged event: a partner nobody approved, made to look like an ordinary entry. */
export const forgedRow = (position: number, recordedAt: string): EventRow => ({
  position,
  stream_id: 'partner-ptr_forged00000001',
  version: 1,
  event_id: 'evt_forged000000000001',
  type: 'PartnerApproved',
  schema_version: 1,
  data: '{"tier":"platinum"}',
  metadata: '{"actor":{"kind":"admin-key","id":"admin"},"commandId":"cmd_forged0001","correlationId":"cmd_forged0001"}',
  recorded_at: recordedAt,
  hash: 'f'.repeat(64),
});

/** Inserts a forged event at `position`, later events renumbered; with `rehash` its own hash links correctly. */
export const insertForged = (db: Database.Database, position: number, rehash: boolean) => {
  const before = rowAt(db, position - 1);
  shiftPositions(db, position, 1);
  const row = forgedRow(position, before.recorded_at);
  if (rehash) row.hash = hashOf(before.hash, row);
  insertRow(db, row);
};

export const hashOf = (previousHash: string, r: EventRow) =>
  eventHash(previousHash, {
    position: r.position,
    streamId: r.stream_id,
    version: r.version,
    eventId: r.event_id,
    type: r.type,
    schemaVersion: r.schema_version,
    data: JSON.parse(r.data),
    metadata: JSON.parse(r.metadata),
    recordedAt: r.recorded_at,
  });

/** Recomputes every hash from `from` on: a forger who knows the algorithm covering their tracks. */
export const rehashFrom = (db: Database.Database, from: number) => {
  let previous = from > 1 ? rowAt(db, from - 1).hash : '0'.repeat(64);
  const rows = db.prepare('SELECT * FROM events WHERE position >= ? ORDER BY position').all(from) as EventRow[];
  const update = db.prepare('UPDATE events SET hash = ? WHERE position = ?');
  for (const r of rows) {
    previous = hashOf(previous, r);
    update.run(previous, r.position);
  }
};
