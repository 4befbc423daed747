import { sql, type Kysely } from 'kysely';
import { GENESIS_HASH } from '../../eventstore/hashChain.js';
import { LOG_DDL, SEED_HEAD } from '../../eventstore/postgres/postgresSchema.js';

/**
 * PostgreSQL's log: the event store adapter's own tables (events, and the one-row events_head its
 * appenders lock), created as the adapter creates them, so a database whose log was already on
 * PostgreSQL (PRM_EVENT_STORE=postgres) keeps it. `data` and `metadata` stay the exact JSON text that
 * was hashed; `events_json` shows them as jsonb for analysts.
 */
export const up = async (db: Kysely<unknown>) => {
  await sql.raw(LOG_DDL).execute(db);
  await sql.raw(SEED_HEAD.replace('$1', `'${GENESIS_HASH}'`)).execute(db);
  await sql`CREATE OR REPLACE VIEW events_json AS
    SELECT position, stream_id, version, event_id, type, schema_version,
           data::jsonb AS data, metadata::jsonb AS metadata, recorded_at, hash
    FROM events`.execute(db);
};
