import { periodOf, previousPeriod } from '../../domain/shared/index.js';
import type { Benchmark, BenchContext, BenchResult, Figure } from '../harness/benchmark.js';
import { latencyFigures } from '../harness/latencyFigures.js';
import { round } from '../harness/stats.js';
import { benchApp } from '../fixtures/benchApp.js';
import { benchPlatform, projectionsCaughtUp } from '../fixtures/benchPlatform.js';
import { getsAs, injectLatencies } from '../fixtures/injectLatencies.js';
import { seededChannel } from './seed.js';

/**
 * A case stops after this long once it has MIN_SAMPLES (its p99 is then the slowest few): a route
 * ten times over its target must not turn the run into an hour. Each case's sample count is in the details.
 */
const CASE_BUDGET_MS = 30_000;
const MIN_SAMPLES = 30;

/** The dashboards on the seeded channel: channel health, scorecards, tier signals, the pipeline; p99 < 10 ms each. */
export const runDashboardBench = async (ctx: BenchContext): Promise<BenchResult> => {
  const seeded = await seededChannel(ctx);
  const requests = ctx.options.quick ? 40 : 1000;
  const warmup = Math.min(50, requests);
  const platform = await benchPlatform('', { file: seeded.file });
  const { app, adminKey, tokenFor } = await benchApp(platform);
  try {
    await projectionsCaughtUp(platform);
    const manager = Object.values(seeded.report.channelManagers).flat()[0];
    const managerToken = tokenFor(manager);
    const ids = (
      await platform.reader.all<{ partner_id: string }>(
        `SELECT partner_id FROM scorecard_partners WHERE status = 'active' ORDER BY partner_id`,
      )
    ).map((r) => r.partner_id);
    const previous = previousPeriod(periodOf(new Date()));
    const cycle = <T>(items: readonly T[]) => Array.from({ length: requests }, (_, i) => items[i % items.length]);
    const cases: { key: string; label: string; token: string; urls: string[] }[] = [
      {
        key: 'channelHealth',
        label: 'GET /dashboards/channel-health (admin)',
        token: adminKey,
        urls: cycle(['/dashboards/channel-health']),
      },
      {
        key: 'channelHealthPast',
        label: 'GET /dashboards/channel-health?period=<previous> (admin)',
        token: adminKey,
        urls: cycle([`/dashboards/channel-health?period=${previous}`]),
      },
      {
        key: 'channelHealthManager',
        label: 'GET /dashboards/channel-health (regional channel manager)',
        token: managerToken,
        urls: cycle(['/dashboards/channel-health']),
      },
      {
        key: 'scorecards',
        label: 'GET /scorecards (admin, 50 a page)',
        token: adminKey,
        urls: cycle(['/scorecards?limit=50', `/scorecards?limit=50&period=${previous}`]),
      },
      {
        key: 'scorecardsByAttainment',
        label: 'GET /scorecards?sort=attainment (admin)',
        token: adminKey,
        urls: cycle(['/scorecards?limit=50&sort=attainment']),
      },
      {
        key: 'scorecardsManager',
        label: 'GET /scorecards (regional channel manager)',
        token: managerToken,
        urls: cycle(['/scorecards?limit=50']),
      },
      {
        key: 'partnerScorecard',
        label: 'GET /partners/:id/scorecard (admin)',
        token: adminKey,
        urls: cycle(ids.map((id) => `/partners/${id}/scorecard`)),
      },
      {
        key: 'tierSignals',
        label: 'GET /dashboards/tier-signals (admin)',
        token: adminKey,
        urls: cycle(['/dashboards/tier-signals']),
      },
      {
        key: 'pipeline',
        label: 'GET /dashboards/pipeline (admin)',
        token: adminKey,
        urls: cycle(['/dashboards/pipeline']),
      },
      {
        key: 'pipelineManager',
        label: 'GET /dashboards/pipeline (regional channel manager)',
        token: managerToken,
        urls: cycle(['/dashboards/pipeline']),
      },
    ];
    const figures: Figure[] = [];
    const samples: Record<string, number> = {};
    for (const c of cases) {
      await injectLatencies(app, getsAs(c.token, c.urls.slice(0, warmup)), {
        budgetMs: CASE_BUDGET_MS / 6,
        minSamples: 5,
      });
      const latencies = await injectLatencies(app, getsAs(c.token, c.urls), {
        budgetMs: CASE_BUDGET_MS,
        minSamples: MIN_SAMPLES,
      });
      const caseFigures = latencyFigures(c.key, c.label, latencies);
      figures.push(...caseFigures);
      samples[c.key] = latencies.length;
      ctx.log(
        `dashboards: ${c.label}: p50 ${caseFigures[0].value} ms, ` +
          `p99 ${caseFigures[1].value} ms (${latencies.length} requests)`,
      );
    }
    return {
      figures,
      details: {
        events: seeded.report.events,
        partners: seeded.report.partners,
        requestsPerCase: requests,
        samples,
        warmupPerCase: warmup,
        caseBudgetSeconds: round(CASE_BUDGET_MS / 1000, 0),
        via: 'fastify.inject, one at a time, after a warm-up',
      },
    };
  } finally {
    await app.close();
    await platform.close();
  }
};

export const dashboardsBenchmark: Benchmark = {
  name: 'dashboards',
  title: 'Dashboards on the seeded channel',
  description:
    'channel health, scorecards, tier signals and the pipeline via fastify.inject on the store prm seed built',
  needs: ['seed'],
  run: runDashboardBench,
};
