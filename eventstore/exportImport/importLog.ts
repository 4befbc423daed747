import type { Database } from 'better-sqlite3';
import { eventHash } from '../hashChain.js';
import type { Mutex } from '../mutex.js';
import type { StoredEvent } from '../port.js';
import { prepareInsertEvent, type InsertEventRow } from '../sqlite/insertEvent.js';
import { prepareSelectHead } from '../sqlite/selectHead.js';
import { prepareSelectStreamVersion } from '../sqlite/selectStreamVersion.js';
import type { ChainPoint } from '../verifyReport.js';
import { parseNdjsonLine } from './ndjsonEnvelope.js';

/** An import that was refused; nothing of the file was written. */
export class ImportRefused extends Error {
  override readonly name = 'ImportRefused';
  constructor(
    readonly reason: string,
    readonly line?: number,
  ) {
    super(line === undefined ? reason : `line ${line}: ${reason}`);
  }
}

export interface ImportOptions {
  /** Throws when the event cannot be read by this version of the software (unknown type, no upcaster, bad body). */
  readonly checkEvent?: (event: StoredEvent) => void;
  readonly onProgress?: (imported: number) => void;
}

export interface ImportReport {
  readonly imported: number;
  readonly first: number;
  readonly head: ChainPoint;
}

/** Where an import writes, inside a transaction the adapter holds: its log as it stands, and the rows. */
export interface ImportTarget {
  readonly head: () => Promise<ChainPoint>;
  readonly streamVersion: (streamId: string) => Promise<number>;
  /** A row whose body and metadata are the file's JSON text; may be buffered until the adapter commits. */
  readonly insert: (row: InsertEventRow) => Promise<void>;
}

/**
 * Checks and writes an export's lines into a target, throwing ImportRefused at the first line that
 * does not continue the target's log exactly: the rows are inserted as they are (same positions,
 * timestamps and hashes, nothing re-hashed), and the chain is verified while reading, so a file with
 * a changed, missing, added or reordered event is refused. The adapter commits only when this returns.
 */
export const importLines = async (
  target: ImportTarget,
  lines: AsyncIterable<string>,
  options: ImportOptions = {},
): Promise<ImportReport> => {
  const start = await target.head();
  let prev: ChainPoint = start;
  let imported = 0;
  let lineNo = 0;
  for await (const raw of lines) {
    lineNo += 1;
    const line = raw.trim();
    if (line === '') continue;
    const parsed = parseNdjsonLine(line);
    if ('error' in parsed) throw new ImportRefused(parsed.error, lineNo);
    const e = parsed.envelope;
    if (imported === 0 && e.position !== start.position + 1) {
      throw new ImportRefused(
        start.position === 0
          ? `the file starts at position ${e.position}: ` +
              'an empty store needs the log from position 1 (an export without --after)'
          : `the store is not empty (it ends at position ${start.position}): import into an empty store, ` +
              `or a file that continues this log from position ${start.position + 1}`,
        lineNo,
      );
    }
    if (e.position !== prev.position + 1)
      throw new ImportRefused(
        `position ${e.position} follows ${prev.position}: ` +
          (e.position > prev.position ? 'events are missing' : 'events are out of order'),
        lineNo,
      );
    if (eventHash(prev.hash, e) !== e.hash)
      throw new ImportRefused(
        `the hash chain is broken at position ${e.position}: the event does not match its hash or its predecessor`,
        lineNo,
      );
    const version = await target.streamVersion(e.streamId);
    if (e.version !== version + 1)
      throw new ImportRefused(
        `stream ${e.streamId} is at version ${version}, ` +
          `the event at position ${e.position} has version ${e.version}`,
        lineNo,
      );
    try {
      options.checkEvent?.(e as StoredEvent);
    } catch (error) {
      throw new ImportRefused(
        `the event at position ${e.position} cannot be read: ${(error as Error).message}`,
        lineNo,
      );
    }
    try {
      await target.insert({ ...e, data: JSON.stringify(e.data), metadata: JSON.stringify(e.metadata) });
    } catch (error) {
      throw new ImportRefused(
        `the event at position ${e.position} cannot be stored: ${(error as Error).message}`,
        lineNo,
      );
    }
    prev = { position: e.position, hash: e.hash };
    imported += 1;
    if (imported % 1000 === 0) options.onProgress?.(imported);
  }
  if (imported === 0) throw new ImportRefused('the file holds no events');
  return { imported, first: start.position + 1, head: prev };
};

/** Imports an export into a SQLite store, all or nothing, in one transaction (see importLines). */
export const importNdjson = async (
  connection: { readonly db: Database; readonly writeLock: Mutex },
  lines: AsyncIterable<string>,
  options: ImportOptions = {},
): Promise<ImportReport> => {
  const { db } = connection;
  const insert = prepareInsertEvent(db);
  const selectHead = prepareSelectHead(db);
  const streamVersion = prepareSelectStreamVersion(db);
  return connection.writeLock.run(async () => {
    db.exec('BEGIN IMMEDIATE');
    try {
      const report = await importLines(
        {
          head: async () => selectHead(),
          streamVersion: async (streamId) => streamVersion(streamId),
          insert: async (row) => insert(row),
        },
        lines,
        options,
      );
      db.exec('COMMIT');
      options.onProgress?.(report.imported);
      return report;
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw error;
    }
  });
};
