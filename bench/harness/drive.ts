import { since } from './stats.js';

/**
 * Runs `count` calls (index 0 to count - 1) from `callers` concurrent loops, each loop taking the next
 * index as soon as its previous call answered; answers the wall time, each call's latency and result.
 */
export const drive = async <R>(callers: number, count: number, call: (i: number) => Promise<R>) => {
  const latencies = new Float64Array(count);
  const results: R[] = new Array(count);
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: callers }, async () => {
      for (let i = next++; i < count; i = next++) {
        const t = performance.now();
        results[i] = await call(i);
        latencies[i] = since(t);
      }
    }),
  );
  return { ms: since(start), latencies: Array.from(latencies), results };
};
