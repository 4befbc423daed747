import { Worker } from 'node:worker_threads';

/**
 * Checkpoints the WAL from a worker thread with a connection of its own. A checkpoint copies the
 * WAL's pages into the database file and fsyncs it; done by SQLite's automatic checkpoint, that
 * work lands on whichever commit crosses the threshold, on the main thread, stalling every
 * request behind it. PASSIVE never blocks the writer or readers: it copies what it can.
 *
 * SQLite rewinds the WAL only when a write begins after every frame was copied, and under
 * sustained writes the worker never catches the writer: the WAL grew without bound (515 MB in 4 s
 * of bulk writes, 3.5 GB during a seed). So when a checkpoint leaves more than `rewindFrames`
 * behind, the worker says so and the writer copies the rest itself between two of its
 * transactions (`onBehind`), where no write can slip in; the next write then rewinds the WAL.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 1000');
const checkpoint = () => {
  try {
    const [status] = db.pragma('wal_checkpoint(PASSIVE)');
    if (status.log > workerData.rewindFrames) parentPort.postMessage('behind');
  } catch { /* busy: next tick */ }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', () => { clearInterval(timer); checkpoint(); db.close(); parentPort.postMessage('stopped'); });
`;

export interface WalCheckpointer {
  readonly stop: () => Promise<void>;
}

export interface WalCheckpointerOptions {
  readonly intervalMs?: number;
  /** WAL frames (pages) a checkpoint may leave behind before the writer is asked to finish it: 4,096 × 4 KB = 16 MB. */
  readonly rewindFrames?: number;
  /** Called on the main thread when the worker fell behind; finishes the checkpoint between writes. */
  readonly onBehind: () => void;
}

export const startWalCheckpointer = (path: string, options: WalCheckpointerOptions): WalCheckpointer => {
  const driver = import.meta.resolve('better-sqlite3').replace(/^file:\/\//, '');
  const workerData = {
    path,
    driver,
    intervalMs: options.intervalMs ?? 200,
    rewindFrames: options.rewindFrames ?? 4096,
  };
  const worker = new Worker(WORKER, { eval: true, workerData });
  worker.unref();
  worker.on('message', (message) => {
    if (message === 'behind') options.onBehind();
  });
  let stopped: Promise<void> | undefined;
  return {
    stop: () =>
      (stopped ??= new Promise<void>((resolve) => {
        const done = () => {
          void worker.terminate().then(() => resolve());
        };
        worker.on('message', (message) => message === 'stopped' && done());
        worker.once('error', done);
        worker.once('exit', () => resolve());
        worker.postMessage('stop');
      })),
  };
};
