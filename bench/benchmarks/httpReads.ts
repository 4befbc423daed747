import type { Benchmark, Figure } from '../harness/benchmark.js';
import { cycleLoad, faultsOf } from '../harness/cycleLoadRun.js';
import { pctOfFloor } from '../harness/floorShare.js';
import { readP99Target } from '../harness/latencyFigures.js';
import { round } from '../harness/stats.js';
import { benchApp } from '../fixtures/benchApp.js';
import { benchPlatform, projectionsCaughtUp } from '../fixtures/benchPlatform.js';
import { sharedFoundationStore } from '../fixtures/sharedFoundationStore.js';
import type { CycleLoadOutput } from '../children/cycleLoad.js';
import { READ_CONNECTIONS } from './floor.js';

/** An opaque page cursor, as read-api/pagination.ts writes it. */
const cursorOf = (id: string) => Buffer.from(JSON.stringify(id)).toString('base64url');

/** GET /partners/:id and GET /partners?limit=50 at 32 connections, against the read floor of the same run. */
export const httpReads: Benchmark = {
  name: 'httpReads',
  title: 'Reads over HTTP',
  needs: ['floor'],
  description:
    `GET /partners/:id (random partners) and GET /partners?limit=50 (pages from random cursors) as the ` +
    `admin key on the generated store, ${READ_CONNECTIONS} kept-alive connections from a child process`,
  run: async (ctx) => {
    const { quick } = ctx.options;
    const sizes = quick ? { warmup: 200, seconds: 1 } : { warmup: 2000, seconds: 10 };
    const store = await sharedFoundationStore(ctx);
    const platform = await benchPlatform('', { file: store.file });
    const { app, adminKey } = await benchApp(platform);
    try {
      await projectionsCaughtUp(platform);
      const url = await app.listen({ port: 0, host: '127.0.0.1' });
      const ids = (
        await platform.reader.all<{ partner_id: string }>(
          `SELECT partner_id FROM partners WHERE status <> 'rejected' ORDER BY random() LIMIT 5000`,
        )
      ).map((r) => r.partner_id);
      const headers = { authorization: `Bearer ${adminKey}` };
      const run = (paths: readonly string[]) =>
        cycleLoad({
          url,
          connections: READ_CONNECTIONS,
          seconds: sizes.seconds,
          warmupRequests: sizes.warmup,
          requests: paths.map((path) => ({ method: 'GET' as const, path, headers })),
        });
      const byId = await run(ids.map((id) => `/partners/${id}`));
      const list = await run([
        '/partners?limit=50',
        ...ids.slice(0, 200).map((id) => `/partners?limit=50&cursor=${cursorOf(id)}`),
      ]);
      const figuresOf = (key: string, label: string, p: CycleLoadOutput): Figure[] => {
        const perSec = p.ok / p.seconds;
        return [
          {
            key: `${key}PerSec`,
            label: `${label}, ${READ_CONNECTIONS} connections`,
            value: round(perSec, 0),
            unit: 'reads/s',
          },
          ...pctOfFloor(ctx.results, 'read', key, label, perSec, 50),
          { key: `${key}P50Ms`, label: `${label} p50`, value: p.latencyMs.p50, unit: 'ms' },
          { key: `${key}P99Ms`, label: `${label} p99`, value: p.latencyMs.p99, unit: 'ms', target: readP99Target },
          {
            key: `${key}Faults`,
            label: `${label} non-2xx, errors, timeouts`,
            value: faultsOf(p),
            unit: 'requests',
          },
        ];
      };
      ctx.log(
        `http reads: by id ${Math.round(byId.ok / byId.seconds)}/s p99 ${byId.latencyMs.p99} ms, ` +
          `list ${Math.round(list.ok / list.seconds)}/s p99 ${list.latencyMs.p99} ms`,
      );
      return {
        figures: [
          ...figuresOf('partnerById', 'GET /partners/:id', byId),
          ...figuresOf('partnersList', 'GET /partners?limit=50', list),
        ],
        details: {
          events: store.events,
          partners: store.partners,
          seconds: sizes.seconds,
          byIdLatencyMs: byId.latencyMs,
          listLatencyMs: list.latencyMs,
          clientCpuSeconds: { byId: byId.clientCpuSeconds, list: list.clientCpuSeconds },
        },
      };
    } finally {
      await app.close();
      await platform.close();
    }
  },
};
