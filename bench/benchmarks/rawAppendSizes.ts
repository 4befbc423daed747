import type { BenchOptions } from '../harness/benchmark.js';

/** Baseline and raw appends write the same rows: one definition of how many. */
export const rawAppendSizes = (options: BenchOptions) =>
  options.quick ? { batches: 20, size: 100, repetitions: 1 } : { batches: 500, size: 100, repetitions: 3 };
