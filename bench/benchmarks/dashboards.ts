import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app/buildApp.js';
import { periodOf, previousPeriod } from '../domain/shared/index.js';
import { signToken } from '../http/jwt.js';
import { benchPlatform, projectionsCaughtUp } from './fixtures/benchPlatform.js';
import type { Benchmark, BenchContext, BenchResult, Figure } from './harness/benchmark.js';
import { percentile, round, since } from './harness/stats.js';
import { seededChannel } from './seed.js';

/** GETs `urls` one by one through fastify.inject; the latency of each; anything but 200 stops the run. */
const measure = async (app: FastifyInstance, token: string, urls: readonly string[]) => {
  const latencies: number[] = [];
  for (const url of urls) {
    const start = performance.now();
    const res = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
    latencies.push(since(start));
    if (res.statusCode !== 200) throw new Error(`GET ${url} answered ${res.statusCode}: ${res.body.slice(0, 200)}`);
  }
  return latencies;
};

/** The dashboards on the seeded channel: channel health, scorecards, tier signals, the pipeline; p99 < 10 ms each. */
export const runDashboardBench = async (ctx: BenchContext): Promise<BenchResult> => {
  const seeded = await seededChannel(ctx);
  const requests = ctx.options.quick ? 40 : 1000;
  const platform = await benchPlatform('', { file: seeded.file });
  const adminKey = randomBytes(24).toString('base64url');
  const jwtSecret = randomBytes(32).toString('base64url');
  const app = await buildApp(platform, { adminKey, jwtSecret, logLevel: 'silent' });
  try {
    await projectionsCaughtUp(platform);
    const manager = Object.values(seeded.report.channelManagers).flat()[0];
    const iat = Math.floor(Date.now() / 1000);
    const managerToken = signToken(jwtSecret, { sub: manager, iat, exp: iat + 3600 });
    const ids = (await platform.reader.all<{ partner_id: string }>(`SELECT partner_id FROM scorecard_partners WHERE status = 'active' ORDER BY partner_id`))
      .map((r) => r.partner_id);
    const previous = previousPeriod(periodOf(new Date()));
    const cycle = <T>(items: readonly T[]) => Array.from({ length: requests }, (_, i) => items[i % items.length]);
    const cases: { key: string; label: string; token: string; urls: string[] }[] = [
      { key: 'channelHealth', label: 'GET /dashboards/channel-health (admin)', token: adminKey, urls: cycle(['/dashboards/channel-health']) },
      { key: 'channelHealthPast', label: 'GET /dashboards/channel-health?period=<previous> (admin)', token: adminKey, urls: cycle([`/dashboards/channel-health?period=${previous}`]) },
      { key: 'channelHealthManager', label: 'GET /dashboards/channel-health (regional channel manager)', token: managerToken, urls: cycle(['/dashboards/channel-health']) },
      { key: 'scorecards', label: 'GET /scorecards (admin, 50 a page)', token: adminKey, urls: cycle(['/scorecards?limit=50', `/scorecards?limit=50&period=${previous}`]) },
      { key: 'scorecardsByAttainment', label: 'GET /scorecards?sort=attainment (admin)', token: adminKey, urls: cycle(['/scorecards?limit=50&sort=attainment']) },
      { key: 'scorecardsManager', label: 'GET /scorecards (regional channel manager)', token: managerToken, urls: cycle(['/scorecards?limit=50']) },
      { key: 'partnerScorecard', label: 'GET /partners/:id/scorecard (admin)', token: adminKey, urls: cycle(ids.map((id) => `/partners/${id}/scorecard`)) },
      { key: 'tierSignals', label: 'GET /dashboards/tier-signals (admin)', token: adminKey, urls: cycle(['/dashboards/tier-signals']) },
      { key: 'pipeline', label: 'GET /dashboards/pipeline (admin)', token: adminKey, urls: cycle(['/dashboards/pipeline']) },
    ];
    const figures: Figure[] = [];
    for (const c of cases) {
      await measure(app, c.token, c.urls.slice(0, Math.min(50, requests)));
      const latencies = await measure(app, c.token, c.urls);
      figures.push({ key: `${c.key}P50Ms`, label: `${c.label} p50`, value: round(percentile(latencies, 50), 2), unit: 'ms' });
      figures.push({ key: `${c.key}P99Ms`, label: `${c.label} p99`, value: round(percentile(latencies, 99), 2), unit: 'ms', target: { op: '<', value: 10 } });
    }
    return {
      figures,
      details: { events: seeded.report.events, partners: seeded.report.partners, requestsPerCase: requests, via: 'fastify.inject, one at a time, after a warm-up' },
    };
  } finally {
    await app.close();
    await platform.close();
  }
};

export const dashboardsBenchmark: Benchmark = {
  name: 'dashboards',
  title: 'Dashboards on the seeded channel',
  description: 'channel health, scorecards, tier signals and the pipeline via fastify.inject on the store prm seed built',
  needs: ['seed'],
  run: runDashboardBench,
};
