import type { Pool, PoolClient } from 'pg';
import { ImportRefused, importLines, type ImportOptions, type ImportReport } from '../exportImport/importLog.js';
import { GENESIS_HASH } from '../hashChain.js';
import type { InsertEventRow } from '../sqlite/insertEvent.js';
import { selectHead } from './selectHead.js';
import { selectStreamVersion } from './selectStreamVersion.js';
import { updateHead } from './updateHead.js';

const CHUNK = 1000;

/** Rows exactly as exported (each its own recorded_at), in one statement per chunk. */
const insertRows = async (client: PoolClient, rows: readonly InsertEventRow[]) => {
  if (rows.length === 0) return;
  const column = <K extends keyof InsertEventRow>(k: K) => rows.map((r) => r[k]);
  await client.query(
    `INSERT INTO events
       (position, stream_id, version, event_id, type, schema_version, data, metadata, recorded_at, hash)
     SELECT * FROM unnest($1::bigint[], $2::text[], $3::integer[], $4::text[], $5::text[], $6::integer[],
                          $7::text[], $8::text[], $9::text[], $10::text[])`,
    [
      column('position'),
      column('streamId'),
      column('version'),
      column('eventId'),
      column('type'),
      column('schemaVersion'),
      column('data'),
      column('metadata'),
      column('recordedAt'),
      column('hash'),
    ],
  );
};

/**
 * `prm import` into a PostgreSQL log: the same checks as on SQLite (importLines), all or nothing in
 * one transaction that holds the head row's lock, so no append interleaves; rows are inserted in
 * chunks, and stream versions of streams this file already touched are known without asking.
 */
export const importNdjsonPostgres = async (
  pool: Pool,
  lines: AsyncIterable<string>,
  options: ImportOptions = {},
): Promise<ImportReport> => {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await selectHead(client, { forUpdate: true });
    const versions = new Map<string, number>();
    let pending: InsertEventRow[] = [];
    const report = await importLines(
      {
        // The log's last stored row (the head row of a log imported without it may lag).
        head: async () => {
          const { rows } = await client.query<{ position: string; hash: string }>(
            'SELECT position, hash FROM events ORDER BY position DESC LIMIT 1',
          );
          return rows[0]
            ? { position: Number(rows[0].position), hash: rows[0].hash }
            : { position: 0, hash: GENESIS_HASH };
        },
        streamVersion: async (streamId) => versions.get(streamId) ?? selectStreamVersion(client, streamId),
        insert: async (row) => {
          versions.set(row.streamId, row.version);
          pending.push(row);
          if (pending.length >= CHUNK) {
            const chunk = pending;
            pending = [];
            await insertRows(client, chunk);
          }
        },
      },
      lines,
      options,
    );
    await insertRows(client, pending).catch((error: Error) => {
      throw new ImportRefused(`the last events cannot be stored: ${error.message}`);
    });
    await updateHead(client, report.head);
    await client.query('COMMIT');
    client.release();
    options.onProgress?.(report.imported);
    return report;
  } catch (error) {
    const rolledBack = await client.query('ROLLBACK').then(
      () => true,
      () => false,
    );
    client.release(rolledBack ? undefined : (error as Error));
    throw error;
  }
};
