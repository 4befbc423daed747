import { Worker } from 'node:worker_threads';

/**
 * Checkpoints the WAL from a worker thread with a connection of its own. A checkpoint copies the
 * WAL's pages into the database file and fsyncs it; done by SQLite's automatic checkpoint, that
 * work lands on whichever commit crosses the threshold, on the main thread, stalling every
 * request behind it. PASSIVE never blocks the writer or readers: it copies what it can.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 1000');
const checkpoint = () => { try { db.pragma('wal_checkpoint(PASSIVE)'); } catch { /* busy: next tick */ } };
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', () => { clearInterval(timer); checkpoint(); db.close(); parentPort.postMessage('stopped'); });
`;

export interface WalCheckpointer {
  readonly stop: () => Promise<void>;
}

export const startWalCheckpointer = (path: string, intervalMs = 200): WalCheckpointer => {
  const driver = import.meta.resolve('better-sqlite3').replace(/^file:\/\//, '');
  const worker = new Worker(WORKER, { eval: true, workerData: { path, intervalMs, driver } });
  worker.unref();
  let stopped: Promise<void> | undefined;
  return {
    stop: () =>
      (stopped ??= new Promise<void>((resolve) => {
        const done = () => {
          void worker.terminate().then(() => resolve());
        };
        worker.once('message', done);
        worker.once('error', done);
        worker.once('exit', () => resolve());
        worker.postMessage('stop');
      })),
  };
};
