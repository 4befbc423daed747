import type { CycleLoadInput, CycleLoadOutput } from '../children/cycleLoad.js';
import type { LoadPhase } from '../children/keepAliveLoad.js';
import type { Figure } from './benchmark.js';
import { runChild } from './child.js';

/** One load run from a child process (bench/children/cycleLoad.ts), so the client never shares the server's thread. */
export const cycleLoad = (input: CycleLoadInput) =>
  runChild<CycleLoadInput, CycleLoadOutput>(new URL('../children/cycleLoad.ts', import.meta.url), input);

/** A measured phase with its warm-up, as every keep-alive load child answers. */
type Run = LoadPhase & { readonly warmup: LoadPhase };

/** Connection errors and timeouts of a run, warm-up included. */
export const errorsOf = (p: Run) => p.errors + p.timeouts + p.warmup.errors + p.warmup.timeouts;
/** Every answer that was not a 2xx, warm-up included. */
export const faultsOf = (p: Run) => p.non2xx + p.warmup.non2xx + errorsOf(p);

/** What every HTTP command run reports besides its rate: p50, p99 (DESIGN §9: under 50 ms), non-2xx and errors. */
export const commandRunFigures = (p: Run): Figure[] => [
  { key: 'p50Ms', label: 'latency p50', value: p.latencyMs.p50, unit: 'ms' },
  { key: 'p99Ms', label: 'latency p99', value: p.latencyMs.p99, unit: 'ms', target: { op: '<', value: 50 } },
  { key: 'non2xx', label: 'non-2xx answers (warm-up included)', value: p.non2xx + p.warmup.non2xx, unit: 'requests' },
  { key: 'errors', label: 'connection errors and timeouts (warm-up included)', value: errorsOf(p), unit: 'requests' },
];
