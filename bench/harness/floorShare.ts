import { figureOf, type BenchResult, type Figure } from './benchmark.js';
import { round } from './stats.js';

/**
 * `<key>PctOfFloor`: a rate as a percentage of the floor measured earlier in the same run
 * (bench/benchmarks/floor.ts); nothing when the run has no floor. Ratios in one run are what mean
 * something on a shared machine (MEASURING.md).
 */
export const pctOfFloor = (
  results: ReadonlyMap<string, BenchResult>,
  floor: 'command' | 'read',
  key: string,
  label: string,
  perSec: number,
  target?: number,
): Figure[] => {
  const base = figureOf(results, 'floor', floor === 'command' ? 'commandsPerSec' : 'readsPerSec');
  if (!base) return [];
  return [
    {
      key: `${key}PctOfFloor`,
      label: `${label} as a share of the ${floor} floor`,
      value: round((100 * perSec) / base, 1),
      unit: '%',
      ...(target === undefined ? {} : { target: { op: '>=' as const, value: target } }),
    },
  ];
};
