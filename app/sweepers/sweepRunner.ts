import type { Clock } from '../../domain/shared/clock.js';
import type { Sweeper, SweepReport } from './sweeper.js';

export interface SweepRunnerOptions {
  readonly sweepers: readonly Sweeper[];
  /** Seconds between the end of one round and the start of the next; 0 never starts the timer. */
  readonly intervalSeconds: number;
  readonly clock: Clock;
  readonly onReport?: (name: string, report: SweepReport) => void;
  readonly onError?: (name: string, error: unknown) => void;
}

export interface SweepRunner {
  /** Runs every sweeper once now, then again every interval. */
  readonly start: () => void;
  /** One round of every sweeper, one after the other; rounds never overlap. */
  readonly runOnce: () => Promise<ReadonlyMap<string, SweepReport>>;
  /** Stops the timer and waits for a round in progress. */
  readonly stop: () => Promise<void>;
}

/** The server's interval runner for sweepers: sequential rounds, errors reported and survived. */
export const createSweepRunner = (options: SweepRunnerOptions): SweepRunner => {
  let timer: NodeJS.Timeout | undefined;
  let stopped = true;
  let current: Promise<ReadonlyMap<string, SweepReport>> | undefined;

  const round = async () => {
    const reports = new Map<string, SweepReport>();
    for (const sweeper of options.sweepers) {
      try {
        const report = await sweeper.sweep(options.clock.now());
        reports.set(sweeper.name, report);
        options.onReport?.(sweeper.name, report);
      } catch (error) {
        options.onError?.(sweeper.name, error);
      }
    }
    return reports;
  };

  const runOnce = () => {
    // A round asked for while one runs waits for it, then runs afresh.
    const next = (current ?? Promise.resolve()).then(round, round);
    current = next;
    void next.finally(() => {
      if (current === next) current = undefined;
    });
    return next;
  };

  const schedule = () => {
    if (stopped || options.intervalSeconds <= 0) return;
    timer = setTimeout(async () => {
      await runOnce();
      schedule();
    }, options.intervalSeconds * 1000);
    timer.unref();
  };

  return {
    start: () => {
      if (!stopped || options.intervalSeconds <= 0) return;
      stopped = false;
      void runOnce().then(schedule);
    },
    runOnce,
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
    },
  };
};
