import { GENESIS_HASH } from '../hashChain.js';
import type { Queryable } from './queryable.js';

/**
 * The log in PostgreSQL (DESIGN §3). `data` and `metadata` are JSON text, not jsonb: jsonb would
 * reorder keys, drop duplicate keys and refuse `\u0000`, and events must read back exactly as written.
 * `events_head` is a one-row table holding the chain's tip: appenders lock it (SELECT ... FOR UPDATE)
 * so positions stay gap-free and hashes chained even with writers in several processes.
 */
export const LOG_DDL = `
CREATE TABLE IF NOT EXISTS events (
  position       bigint  PRIMARY KEY,
  stream_id      text    NOT NULL,
  version        integer NOT NULL,
  event_id       text    NOT NULL,
  type           text    NOT NULL,
  schema_version integer NOT NULL,
  data           text    NOT NULL,
  metadata       text    NOT NULL,
  recorded_at    text    NOT NULL,
  hash           text    NOT NULL,
  CONSTRAINT events_event_id UNIQUE (event_id),
  CONSTRAINT events_stream_version UNIQUE (stream_id, version)
);
CREATE TABLE IF NOT EXISTS events_head (
  id       smallint PRIMARY KEY CHECK (id = 1),
  position bigint   NOT NULL,
  hash     text     NOT NULL
);`;

// A head row for an empty log, or one that starts from existing events (a log imported without it).
export const SEED_HEAD = `
INSERT INTO events_head (id, position, hash)
SELECT 1, coalesce((SELECT position FROM events ORDER BY position DESC LIMIT 1), 0),
          coalesce((SELECT hash FROM events ORDER BY position DESC LIMIT 1), $1)
ON CONFLICT (id) DO NOTHING`;

/**
 * Creates the tables in the connection's current schema if missing; safe to run concurrently from
 * several processes.
 */
export const ensurePostgresSchema = async (pool: {
  connect: () => Promise<Queryable & { release: (e?: Error) => void }>;
}) => {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // CREATE TABLE IF NOT EXISTS still races on the catalog: one creator at a time.
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('prm.eventstore.schema'))`);
    await client.query(LOG_DDL);
    await client.query(SEED_HEAD, [GENESIS_HASH]);
    await client.query('COMMIT');
    client.release();
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release(error instanceof Error ? error : new Error(String(error)));
    throw error;
  }
};
