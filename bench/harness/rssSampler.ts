import { Worker } from 'node:worker_threads';

/**
 * Samples process.memoryUsage().rss every `everyMs` from a worker thread: RSS is process-wide, and a
 * timer on the main thread would not fire while synchronous SQLite work holds the event loop.
 * The worker is plain JavaScript without the TypeScript loader, to add as little as possible.
 */
export const startRssSampler = (everyMs = 50) => {
  const shared = new Float64Array(new SharedArrayBuffer(16));
  const worker = new Worker(
    `const { workerData } = require('node:worker_threads');
     const out = new Float64Array(workerData.buffer);
     const sample = () => { out[0] = Math.max(out[0], process.memoryUsage.rss()); out[1] += 1; };
     sample();
     setInterval(sample, workerData.everyMs);`,
    { eval: true, execArgv: [], workerData: { buffer: shared.buffer, everyMs } },
  );
  worker.unref();
  return {
    /** Stops sampling; answers the peak RSS in bytes and the number of samples taken. */
    stop: async (): Promise<{ peakBytes: number; samples: number }> => {
      const result = { peakBytes: Math.max(shared[0], process.memoryUsage.rss()), samples: shared[1] };
      await worker.terminate();
      return result;
    },
  };
};
