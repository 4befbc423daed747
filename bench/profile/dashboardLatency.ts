/**
 * `tsx bench/profile/dashboardLatency.ts <seeded prm.db> [requests] [url...]`: each URL (default the
 * leads dashboard, this period and the previous one) through fastify.inject on a seeded store, one at
 * a time after a warm-up, as the admin key and as the seed's first regional channel manager; prints
 * p50/p90/p99/max per URL and caller, and how many of the slowest requests overlapped a GC pause.
 * Where a dashboard's tail comes from (run with --expose-gc to also see it after a forced GC).
 */
import { PerformanceObserver } from 'node:perf_hooks';
import { periodOf, previousPeriod } from '../../domain/shared/index.js';
import { timeOrderedIds } from '../../app/timeOrderedIds.js';
import { createPlatform } from '../../app/platform.js';
import { systemClock } from '../../domain/shared/clock.js';
import { benchApp } from '../fixtures/benchApp.js';
import { eventLoopTurn } from '../fixtures/injectLatencies.js';
import { projectionsCaughtUp } from '../fixtures/benchPlatform.js';
import { percentile } from '../harness/stats.js';

const [file, requests = '1000', ...given] = process.argv.slice(2);
if (!file) throw new Error('usage: dashboardLatency.ts <seeded prm.db> [requests] [url...]');
// PRM_BACKGROUND=off: no WAL checkpointer worker, projections, policies or webhooks (is the tail theirs?).
const quiet = process.env.PRM_BACKGROUND === 'off';
const platform = await createPlatform({
  databaseFile: file,
  clock: systemClock,
  ids: timeOrderedIds(),
  startProjections: !quiet,
  backgroundCheckpoints: !quiet,
});
const { app, adminKey, tokenFor } = await benchApp(platform);
const pauses: { start: number; end: number }[] = [];
const gc = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) pauses.push({ start: e.startTime, end: e.startTime + e.duration });
});
gc.observe({ entryTypes: ['gc'] });
try {
  if (!quiet) await projectionsCaughtUp(platform);
  const manager = await platform.reader.get<{ person_id: string }>(
    `SELECT person_id FROM access_principals
     WHERE vendor_roles LIKE '%channel_manager%' AND vendor_roles LIKE '%regions%' ORDER BY person_id LIMIT 1`,
  );
  const previous = previousPeriod(periodOf(new Date()));
  const urls = given.length ? given : ['/dashboards/leads', `/dashboards/leads?period=${previous}`];
  const callers = [['admin', adminKey], ...(manager ? [['manager', tokenFor(manager.person_id)]] : [])];
  for (const [who, token] of callers)
    for (const url of urls) {
      const headers = { authorization: `Bearer ${token}` };
      const samples: { start: number; ms: number }[] = [];
      for (let i = 0; i < Number(requests) + 50; i++) {
        const start = performance.now();
        const res = await app.inject({ method: 'GET', url, headers });
        if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        if (i >= 50) samples.push({ start, ms: performance.now() - start });
        await eventLoopTurn();
      }
      const ms = samples.map((s) => s.ms);
      const slowest = [...samples].sort((a, b) => b.ms - a.ms).slice(0, Math.max(1, samples.length / 100));
      const inGc = slowest.filter((s) => pauses.some((p) => p.end >= s.start && p.start <= s.start + s.ms)).length;
      const f = (p: number) => percentile(ms, p).toFixed(2);
      if (process.env.SLOW_TIMES)
        console.log(
          slowest
            .map((x) => `${Math.round(x.start)}:${x.ms.toFixed(1)}`)
            .sort()
            .join(' '),
        );
      console.log(
        `${who} ${url}: p50 ${f(50)} p90 ${f(90)} p99 ${f(99)} max ${Math.max(...ms).toFixed(2)} ms; ` +
          `slowest 1%: ${inGc}/${slowest.length} overlapped a GC pause`,
      );
    }
} finally {
  gc.disconnect();
  await app.close();
  await platform.close();
}
