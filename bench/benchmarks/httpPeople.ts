import type { Benchmark } from '../harness/benchmark.js';
import { commandRunFigures, cycleLoad, errorsOf } from '../harness/cycleLoadRun.js';
import { pctOfFloor } from '../harness/floorShare.js';
import { round } from '../harness/stats.js';
import { benchApp } from '../fixtures/benchApp.js';
import { benchPlatform, projectionsCaughtUp } from '../fixtures/benchPlatform.js';
import { COMMAND_CONNECTIONS } from './floor.js';

/** POST /people (two streams per command: the person and the email's reservation) against the command floor. */
export const httpPeople: Benchmark = {
  name: 'httpPeople',
  title: 'POST /people over HTTP',
  needs: ['floor'],
  description:
    `POST /people, every email new, to the listening server (admin key, read-your-writes), ` +
    `${COMMAND_CONNECTIONS} kept-alive connections from a child process, warmed up first`,
  run: async (ctx) => {
    const { quick } = ctx.options;
    const sizes = quick ? { warmup: 200, seconds: 1 } : { warmup: 4000, seconds: 10 };
    const platform = await benchPlatform(ctx.tempDir('http-people'));
    const { app, adminKey } = await benchApp(platform);
    try {
      const url = await app.listen({ port: 0, host: '127.0.0.1' });
      const load = await cycleLoad({
        url,
        connections: COMMAND_CONNECTIONS,
        seconds: sizes.seconds,
        warmupRequests: sizes.warmup,
        requests: [
          {
            method: 'POST',
            path: '/people',
            headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
            body: JSON.stringify({ name: 'Load Person {n}', email: 'load.person.{n}@example.com' }),
          },
        ],
      });
      const caughtUp = await projectionsCaughtUp(platform);
      const perSec = load.ok / load.seconds;
      ctx.log(
        `http people: ${Math.round(perSec)}/s, ${load.non2xx} non-2xx, ${errorsOf(load)} errors, ` +
          `p99 ${load.latencyMs.p99} ms`,
      );
      return {
        figures: [
          {
            key: 'commandsPerSec',
            label: `2xx POST /people, ${COMMAND_CONNECTIONS} connections`,
            value: round(perSec, 0),
            unit: 'commands/s',
          },
          ...pctOfFloor(ctx.results, 'command', 'commandsPerSec', 'POST /people', perSec, 35),
          ...commandRunFigures(load),
        ],
        details: {
          seconds: load.seconds,
          statusCodes: load.statusCodes,
          latencyMs: load.latencyMs,
          clientCpuSeconds: load.clientCpuSeconds,
          projectionLagAfter: caughtUp.lag,
        },
      };
    } finally {
      await app.close();
      await platform.close();
    }
  },
};
