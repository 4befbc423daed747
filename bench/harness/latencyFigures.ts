import type { Figure } from './benchmark.js';
import { percentile, round } from './stats.js';

/** DESIGN §9's read target: p99 under 10 ms. */
export const readP99Target = { op: '<', value: 10 } as const;

/** The p50 and p99 figures (`<key>P50Ms`, `<key>P99Ms`) of one case's latencies; the target applies to p99. */
export const latencyFigures = (
  key: string,
  label: string,
  latencies: readonly number[],
  target: Figure['target'] = readP99Target,
): Figure[] => [
  { key: `${key}P50Ms`, label: `${label} p50`, value: round(percentile(latencies, 50), 2), unit: 'ms' },
  {
    key: `${key}P99Ms`,
    label: `${label} p99`,
    value: round(percentile(latencies, 99), 2),
    unit: 'ms',
    ...(target ? { target } : {}),
  },
];
