import type { Database } from 'better-sqlite3';
import { eventHash } from '../hashChain.js';
import type { Mutex } from '../mutex.js';
import type { StoredEvent } from '../port.js';
import { prepareInsertEvent } from '../sqlite/insertEvent.js';
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

/**
 * Imports an export into a SQLite store, all or nothing, in one transaction: the rows are inserted as
 * they are (same positions, timestamps and hashes, nothing re-hashed), and the chain is verified while
 * reading, so a file with a changed, missing, added or reordered event is refused. The store must be
 * empty, unless the file continues its log exactly (an `export --after <head>` of the same chain).
 */
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
      const start = selectHead();
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
            `the hash chain is broken at position ${e.position}: ` +
              'the event does not match its hash or its predecessor',
            lineNo,
          );
        const version = streamVersion(e.streamId);
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
          insert({ ...e, data: JSON.stringify(e.data), metadata: JSON.stringify(e.metadata) });
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
      db.exec('COMMIT');
      options.onProgress?.(imported);
      return { imported, first: start.position + 1, head: prev };
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw error;
    }
  });
};
