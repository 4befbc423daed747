import * as E from 'fp-ts/lib/Either.js';
import type { Benchmark } from '../harness/benchmark.js';
import { drive } from '../harness/drive.js';
import { percentile, round } from '../harness/stats.js';
import { benchPlatform, projectionsCaughtUp } from '../fixtures/benchPlatform.js';
import { commandMix } from '../fixtures/commandMix.js';
import { executeMixCommand, seedPartners } from '../fixtures/partnerWork.js';
import type { Platform } from '../../app/platform.js';

const CALLERS = 64;

/** `count` commands of the mix from `CALLERS` concurrent loops; latency of each, failures counted. */
const runMix = async (platform: Platform, mix: ReturnType<typeof commandMix>, count: number) => {
  const run = await drive(CALLERS, count, async () => {
    const command = mix.next();
    const result = await executeMixCommand(platform, command);
    mix.done(command);
    return result;
  });
  return { ms: run.ms, latencies: run.latencies, failed: run.results.filter(E.isLeft).length };
};

export const inProcessCommands: Benchmark = {
  name: 'commands',
  title: 'Commands in-process',
  description:
    `partner commands (apply, set quota, change tier) through the real CommandPipeline on the platform, ` +
    `${CALLERS} concurrent callers, projections running`,
  run: async (ctx) => {
    const { quick } = ctx.options;
    const sizes = quick
      ? { partners: 512, warmup: 200, commands: 1000 }
      : { partners: 2048, warmup: 4000, commands: 40_000 };
    const platform = await benchPlatform(ctx.tempDir('commands'));
    try {
      const partnerIds = await seedPartners(platform, sizes.partners);
      await projectionsCaughtUp(platform);
      const mix = commandMix(partnerIds);
      await runMix(platform, mix, sizes.warmup);
      await projectionsCaughtUp(platform);
      const headBefore = await platform.store.headPosition();
      const run = await runMix(platform, mix, sizes.commands);
      const caughtUp = await projectionsCaughtUp(platform);
      const events = (await platform.store.headPosition()) - headBefore;
      ctx.log(
        `commands: ${Math.round(sizes.commands / (run.ms / 1000))}/s, ${run.failed} failed, ` +
          `projection lag at end ${caughtUp.lag} events`,
      );
      return {
        figures: [
          {
            key: 'commandsPerSec',
            label: `commands, ${CALLERS} callers (projections live)`,
            value: round(sizes.commands / (run.ms / 1000), 0),
            unit: 'commands/s',
            target: { op: '>=', value: 20_000 },
          },
          { key: 'p50Ms', label: 'latency p50', value: round(percentile(run.latencies, 50), 2), unit: 'ms' },
          { key: 'p99Ms', label: 'latency p99', value: round(percentile(run.latencies, 99), 2), unit: 'ms' },
          { key: 'failed', label: 'commands refused or failed', value: run.failed, unit: 'commands' },
          {
            key: 'projectionLagEvents',
            label: 'projection lag when the last command returned',
            value: caughtUp.lag,
            unit: 'events',
          },
          {
            key: 'projectionCatchUpMs',
            label: 'time for projections to catch up after',
            value: round(caughtUp.ms, 1),
            unit: 'ms',
          },
        ],
        details: {
          callers: CALLERS,
          commands: sizes.commands,
          warmupCommands: sizes.warmup,
          seededPartners: sizes.partners,
          eventsAppended: events,
          seconds: round(run.ms / 1000, 2),
          projectionsRunning: true,
          mix: '1/4 apply partner, 1/2 set quota, 1/4 change tier',
          readYourWrites: 'not awaited (the HTTP benchmark does)',
        },
      };
    } finally {
      await platform.close();
    }
  },
};
