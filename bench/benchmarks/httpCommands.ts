import type { Benchmark } from '../harness/benchmark.js';
import { runChild } from '../harness/child.js';
import { commandRunFigures } from '../harness/cycleLoadRun.js';
import { pctOfFloor } from '../harness/floorShare.js';
import { round } from '../harness/stats.js';
import { benchApp } from '../fixtures/benchApp.js';
import { benchPlatform, projectionsCaughtUp } from '../fixtures/benchPlatform.js';
import { seedPartners } from '../fixtures/partnerWork.js';
import type { HttpLoadInput, HttpLoadOutput } from '../children/httpLoad.js';

const CONNECTIONS = 64;

export const httpCommands: Benchmark = {
  name: 'httpCommands',
  title: 'Commands over HTTP',
  needs: ['floor'],
  description:
    `the same partner command mix as JSON over HTTP to the listening server (admin key, read-your-writes), ` +
    `${CONNECTIONS} kept-alive connections from a child process, warmed up first`,
  run: async (ctx) => {
    const { quick } = ctx.options;
    const sizes = quick ? { partners: 512, warmup: 200, seconds: 1 } : { partners: 2048, warmup: 4000, seconds: 10 };
    const platform = await benchPlatform(ctx.tempDir('http'));
    const { app, adminKey } = await benchApp(platform);
    try {
      const url = await app.listen({ port: 0, host: '127.0.0.1' });
      const partnerIds = await seedPartners(platform, sizes.partners);
      await projectionsCaughtUp(platform);
      const headBefore = await platform.store.headPosition();
      const load = await runChild<HttpLoadInput, HttpLoadOutput>(new URL('../children/httpLoad.ts', import.meta.url), {
        url,
        adminKey,
        partnerIds,
        connections: CONNECTIONS,
        seconds: sizes.seconds,
        warmupRequests: sizes.warmup,
      });
      const caughtUp = await projectionsCaughtUp(platform);
      const events = (await platform.store.headPosition()) - headBefore;
      ctx.log(
        `http: ${Math.round(load.ok / load.seconds)} commands/s, ${load.non2xx} non-2xx, ` +
          `${load.errors} errors, p99 ${load.latencyMs.p99} ms`,
      );
      return {
        figures: [
          {
            key: 'commandsPerSec',
            label: `2xx commands, ${CONNECTIONS} connections`,
            value: round(load.ok / load.seconds, 0),
            unit: 'commands/s',
            target: { op: '>=', value: 5_000 },
          },
          ...pctOfFloor(ctx.results, 'command', 'commandsPerSec', 'the partner mix', load.ok / load.seconds, 35),
          ...commandRunFigures(load),
        ],
        details: {
          connections: CONNECTIONS,
          seconds: load.seconds,
          warmupRequests: sizes.warmup,
          warmSockets: load.warmSockets,
          warmupStatusCodes: load.warmup.statusCodes,
          warmupLatencyMs: load.warmup.latencyMs,
          clientCpuSeconds: load.clientCpuSeconds,
          seededPartners: sizes.partners,
          statusCodes: load.statusCodes,
          latencyMs: load.latencyMs,
          eventsAppended: events,
          projectionLagAfter: caughtUp.lag,
          mix: '1/4 POST /partners, 1/2 POST /partners/:id/quotas, 1/4 POST /partners/:id/tier',
        },
      };
    } finally {
      await app.close();
      await platform.close();
    }
  },
};
