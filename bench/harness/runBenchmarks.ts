import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Benchmark, BenchContext, BenchOptions, BenchResult } from './benchmark.js';

/** The selected benchmarks plus, recursively, those they need, in registry order. */
export const selectBenchmarks = (all: readonly Benchmark[], only: readonly string[] | undefined): Benchmark[] => {
  if (!only) return [...all];
  const unknown = only.filter((n) => !all.some((b) => b.name === n));
  if (unknown.length)
    throw new Error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${all.map((b) => b.name).join(', ')}`);
  const wanted = new Set<string>();
  const add = (name: string) => {
    if (wanted.has(name)) return;
    wanted.add(name);
    for (const n of all.find((b) => b.name === name)?.needs ?? []) add(n);
  };
  only.forEach(add);
  return all.filter((b) => wanted.has(b.name));
};

/** Runs benchmarks one after another in one work directory, removed at the end. */
export const runBenchmarks = async (selected: readonly Benchmark[], options: BenchOptions) => {
  const workDir = mkdtempSync(join(options.dir, 'prm-bench-'));
  const results = new Map<string, BenchResult>();
  const shared = new Map<string, Promise<unknown>>();
  const ctx: BenchContext = {
    options,
    results,
    tempDir: (name) => {
      const dir = mkdtempSync(join(workDir, `${name}-`));
      mkdirSync(dir, { recursive: true });
      return dir;
    },
    shared: <T>(key: string, create: () => Promise<T>) => {
      if (!shared.has(key)) shared.set(key, create());
      return shared.get(key) as Promise<T>;
    },
    log: (message) => process.stderr.write(`[bench] ${message}\n`),
  };
  const runs: { benchmark: Benchmark; result: BenchResult }[] = [];
  try {
    for (const benchmark of selected) {
      ctx.log(`${benchmark.name}: ${benchmark.description}`);
      const result = await benchmark.run(ctx);
      results.set(benchmark.name, result);
      runs.push({ benchmark, result });
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  return runs;
};
