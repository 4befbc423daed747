import type { Benchmark } from '../harness/benchmark.js';
import { runChild } from '../harness/child.js';
import { pctOfFloor } from '../harness/floorShare.js';
import { round } from '../harness/stats.js';
import { benchApp } from '../fixtures/benchApp.js';
import { benchPlatform, projectionsCaughtUp } from '../fixtures/benchPlatform.js';
import { plannedRegistrations, seedRegistrants } from '../fixtures/dealWork.js';
import { seedPartners } from '../fixtures/partnerWork.js';
import type { HttpDealLoadInput, HttpDealLoadOutput } from '../children/httpDealLoad.js';

const CONNECTIONS = 64;

export const httpDeals: Benchmark = {
  name: 'httpDeals',
  title: 'Deal registration over HTTP',
  needs: ['floor'],
  description:
    `POST /deals by partners' sales people (their JWTs; every customer distinct), ` +
    `then POST /deals/:id/approve of each (admin key), ` +
    `to the listening server (read-your-writes), ` +
    `${CONNECTIONS} kept-alive connections from a child process, warmed up first`,
  run: async (ctx) => {
    const { quick } = ctx.options;
    const sizes = quick ? { partners: 64, warmup: 200, deals: 1000 } : { partners: 1024, warmup: 4000, deals: 20_000 };
    const platform = await benchPlatform(ctx.tempDir('http-deals'));
    const { app, adminKey, tokenFor } = await benchApp(platform);
    try {
      const url = await app.listen({ port: 0, host: '127.0.0.1' });
      // Caught up inside: the server authenticates each JWT against the access read model.
      const registrants = await seedRegistrants(platform, await seedPartners(platform, sizes.partners));
      const tokens = registrants.map((r) => tokenFor(r.personId, 24 * 3600));
      // No deliberate collisions here: every answer but a 2xx is a fault. Warm-up customers come after.
      const wire = (count: number, first: number) =>
        plannedRegistrations(registrants, count, { first }).map((p) => ({
          token: p.registrant,
          body: JSON.stringify(p.body),
        }));
      const headBefore = await platform.store.headPosition();
      const load = await runChild<HttpDealLoadInput, HttpDealLoadOutput>(
        new URL('../children/httpDealLoad.ts', import.meta.url),
        {
          url,
          adminKey,
          connections: CONNECTIONS,
          tokens,
          warmup: wire(sizes.warmup, sizes.deals),
          registrations: wire(sizes.deals, 0),
        },
      );
      const caughtUp = await projectionsCaughtUp(platform);
      const events = (await platform.store.headPosition()) - headBefore;
      const { registration: reg, approval: appr } = load;
      // Any refusal or error is a fault, in the warm-up too.
      const warm = load.warmup ? [load.warmup.registration, load.warmup.approval] : [];
      const faults = (pick: (p: typeof reg) => number) => [reg, appr, ...warm].reduce((n, p) => n + pick(p), 0);
      const perSec = (p: typeof reg) => round(p.ok / p.seconds, 0);
      ctx.log(
        `http deals: ${perSec(reg)} registrations/s (p99 ${reg.latencyMs.p99} ms), ` +
          `${perSec(appr)} approvals/s (p99 ${appr.latencyMs.p99} ms), ${reg.non2xx + appr.non2xx} non-2xx`,
      );
      const rate = { op: '>=' as const, value: 5_000 };
      const p99 = { op: '<' as const, value: 50 };
      return {
        figures: [
          {
            key: 'registrationsPerSec',
            label: `2xx POST /deals, ${CONNECTIONS} connections`,
            value: perSec(reg),
            unit: 'commands/s',
            target: rate,
          },
          ...pctOfFloor(ctx.results, 'command', 'registrationsPerSec', 'POST /deals', perSec(reg)),
          { key: 'registrationP50Ms', label: 'POST /deals latency p50', value: reg.latencyMs.p50, unit: 'ms' },
          {
            key: 'registrationP99Ms',
            label: 'POST /deals latency p99',
            value: reg.latencyMs.p99,
            unit: 'ms',
            target: p99,
          },
          {
            key: 'approvalsPerSec',
            label: `2xx POST /deals/:id/approve, ${CONNECTIONS} connections`,
            value: perSec(appr),
            unit: 'commands/s',
            target: rate,
          },
          ...pctOfFloor(ctx.results, 'command', 'approvalsPerSec', 'POST /deals/:id/approve', perSec(appr)),
          { key: 'approvalP50Ms', label: 'POST /deals/:id/approve latency p50', value: appr.latencyMs.p50, unit: 'ms' },
          {
            key: 'approvalP99Ms',
            label: 'POST /deals/:id/approve latency p99',
            value: appr.latencyMs.p99,
            unit: 'ms',
            target: p99,
          },
          {
            key: 'non2xx',
            label: 'non-2xx answers (both phases, warm-up included)',
            value: faults((p) => p.non2xx),
            unit: 'requests',
          },
          {
            key: 'errors',
            label: 'connection errors and timeouts (both phases, warm-up included)',
            value: faults((p) => p.errors + p.timeouts),
            unit: 'requests',
          },
        ],
        details: {
          connections: CONNECTIONS,
          registrants: registrants.length,
          warmupDeals: sizes.warmup,
          warmSockets: load.warmSockets,
          registration: reg,
          approval: appr,
          eventsAppendedIncludingWarmup: events,
          projectionLagAfter: caughtUp.lag,
        },
      };
    } finally {
      await app.close();
      await platform.close();
    }
  },
};
