import { Worker } from 'node:worker_threads';
import type { SqlEventValues } from '../eventRow.js';
import type { LogReadAhead, StoredEvent } from '../port.js';

/**
 * Reads pages of the log on a connection of its own and posts them as raw values, keeping at most
 * `ahead` pages unread by the caller; it ends after the first short page (the log's end then).
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 10000');
const page = db.prepare(workerData.sql).raw(true);
let after = workerData.after;
let credit = workerData.ahead;
let done = false;
const read = () => {
  for (; credit > 0 && !done; credit--) {
    const rows = page.all(after, workerData.pageSize);
    if (rows.length) after = rows[rows.length - 1][0];
    done = rows.length < workerData.pageSize;
    parentPort.postMessage(rows);
  }
  if (done) db.close();
};
parentPort.on('message', () => { credit++; read(); });
read();
`;

export interface LogReadAheadOptions {
  readonly path: string;
  readonly sql: string;
  readonly toEvent: (values: SqlEventValues) => StoredEvent;
  /** What the caller would read without a worker: used for whatever the worker cannot give. */
  readonly fallback: (after: number, limit: number) => StoredEvent[];
  readonly pageSize?: number;
  readonly ahead?: number;
}

/**
 * The log from `after` on, read by a worker thread one page ahead of the caller, so that a rebuild's
 * other core reads the log while this one applies it. `take` answers exactly what reading the log
 * after a position would; a take that does not continue where the last one ended, or comes after the
 * worker found the log's end (or failed), reads directly.
 */
export const logReadAhead = (after: number, options: LogReadAheadOptions): LogReadAhead => {
  const pageSize = options.pageSize ?? 1000;
  const driver = import.meta.resolve('better-sqlite3').replace(/^file:\/\//, '');
  const workerData = { path: options.path, sql: options.sql, driver, after, pageSize, ahead: options.ahead ?? 3 };
  const worker = new Worker(WORKER, { eval: true, workerData });
  const pages: SqlEventValues[][] = [];
  let waiting: (() => void) | undefined;
  let ended = false;
  let failed = false;
  /** Where the events handed out so far end. */
  let at = after;
  /** Decoded events of the page being handed out. */
  let current: StoredEvent[] = [];
  const wake = () => {
    waiting?.();
    waiting = undefined;
  };
  worker.on('message', (rows: SqlEventValues[]) => {
    pages.push(rows);
    if (rows.length < pageSize) ended = true;
    wake();
  });
  worker.on('error', () => {
    failed = true;
    wake();
  });
  worker.on('exit', () => {
    ended = true;
    wake();
  });

  let index = 0;
  const next = async (): Promise<boolean> => {
    while (pages.length === 0 && !ended && !failed) await new Promise<void>((resolve) => (waiting = resolve));
    const rows = pages.shift();
    if (!rows) return false;
    if (!ended) worker.postMessage('more');
    current = rows.map(options.toEvent);
    index = 0;
    return true;
  };
  let direct = false;
  return {
    take: async (from, limit) => {
      if (from !== at || failed) direct = true;
      const taken: StoredEvent[] = [];
      while (!direct && taken.length < limit) {
        if (index === current.length && !(await next())) break;
        const end = Math.min(index + limit - taken.length, current.length);
        for (; index < end; index++) taken.push(current[index]);
      }
      const last = taken.length > 0 ? taken[taken.length - 1].position : from;
      // Short of the limit: the worker's end, which need not be the log's (appends may have come since).
      if (taken.length < limit) {
        direct = true;
        for (const e of options.fallback(last, limit - taken.length)) taken.push(e);
      }
      at = taken.length > 0 ? taken[taken.length - 1].position : from;
      return taken;
    },
    close: () => worker.terminate().then(() => undefined),
  };
};
