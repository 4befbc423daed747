import { join } from 'node:path';
import { timeOrderedIds } from '../../app/timeOrderedIds.js';
import { createPlatform } from '../../app/platform.js';
import { seedChannel, type SeedReport } from '../../app/seed/seedChannel.js';
import { manualClock } from '../../domain/shared/clock.js';
import type { Benchmark, BenchContext, BenchResult } from '../harness/benchmark.js';
import { round } from '../harness/stats.js';

export interface SeededChannel {
  readonly file: string;
  readonly report: SeedReport;
  /** Wall-clock seconds of the whole `prm seed` work: commands, then read models. */
  readonly seconds: number;
}

/**
 * Partners seeded: 1,000 (issue 6's seeded store for the dashboards), 20 with --quick;
 * PRM_BENCH_SEED_PARTNERS overrides.
 */
const partnersFor = (ctx: BenchContext) =>
  Number(process.env.PRM_BENCH_SEED_PARTNERS ?? (ctx.options.quick ? 20 : 1000));

/** The channel `prm seed` builds (seed 1, up to today), once per bench run; the dashboards benchmark reads it too. */
export const seededChannel = (ctx: BenchContext): Promise<SeededChannel> =>
  ctx.shared('seededChannel', async () => {
    const partners = partnersFor(ctx);
    const file = join(ctx.tempDir('seed'), 'prm.db');
    const until = new Date().toISOString().slice(0, 10);
    const clock = manualClock(`${until}T00:00:00.000Z`);
    const platform = await createPlatform({
      databaseFile: file,
      clock,
      ids: timeOrderedIds(),
      startProjections: false,
      startPolicies: false,
      backgroundCheckpoints: true,
    });
    ctx.log(`seed: ${partners} partners through the command pipeline, two simulated years up to ${until}`);
    const started = performance.now();
    let lastLog = 0;
    let phase = '';
    try {
      // Progress every 15 s and at each phase's start: the full seed takes minutes.
      const report = await seedChannel(platform, clock, { partners, seed: 1, until, bulk: true }, (p) => {
        if (p.phase === phase && performance.now() - lastLog < 15_000) return;
        phase = p.phase;
        lastLog = performance.now();
        ctx.log(
          `seed: ${p.phase === 'commands' ? 'simulated days' : 'read models, events'} ` +
            `${p.done.toLocaleString('en-US')}/${p.total.toLocaleString('en-US')}`,
        );
      });
      const seconds = (performance.now() - started) / 1000;
      ctx.log(
        `seed: ${report.events} events in ${seconds.toFixed(1)} s (commands ${report.seconds.commands} s, ` +
          `read models ${report.seconds.projections} s)`,
      );
      return { file, report, seconds };
    } finally {
      await platform.close();
    }
  });

/** `prm seed`: how long a realistic channel takes to build, and how many events it holds. */
export const runSeedBench = async (ctx: BenchContext): Promise<BenchResult> => {
  const { report, seconds } = await seededChannel(ctx);
  const full = report.partners >= 1000;
  return {
    figures: [
      {
        key: 'events',
        label: `events of a ${report.partners}-partner channel`,
        value: report.events,
        unit: 'events',
        ...(full ? { target: { op: '>=' as const, value: 1_000_000 } } : {}),
      },
      { key: 'seconds', label: 'prm seed, total (commands and read models)', value: round(seconds, 1), unit: 's' },
      { key: 'commandSeconds', label: 'commands (two simulated years)', value: report.seconds.commands, unit: 's' },
      {
        key: 'eventsPerSec',
        label: 'events appended per second through the pipeline',
        value: round(report.events / report.seconds.commands, 0),
        unit: 'events/s',
      },
      {
        key: 'readModelSeconds',
        label: 'read models rebuilt after seeding',
        value: report.seconds.projections,
        unit: 's',
      },
    ],
    details: {
      partners: report.partners,
      people: report.people,
      deals: report.deals,
      conflicts: report.conflicts,
      from: report.from,
      until: report.until,
      days: report.days,
      seed: 1,
      bulk: 'commands first, projections rebuilt once at the end',
    },
  };
};

export const seedBenchmark: Benchmark = {
  name: 'seed',
  title: 'prm seed',
  description:
    'a realistic channel (1,000 partners, two simulated years) through the command pipeline, then the read models',
  run: runSeedBench,
};
