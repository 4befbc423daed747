/**
 * `tsx bench/profile/readAnswers.ts [events]`: the same reads through two platforms on one generated
 * store, one keeping answers between commits and one keeping none (`readCacheRows: 0`), alternated
 * over six rounds; prints each side's median p50 and p99. Partners read in turn (hot), directory
 * pages by region, and partners never read before (each side its own).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchApp } from '../fixtures/benchApp.js';
import { benchPlatform, projectionsCaughtUp } from '../fixtures/benchPlatform.js';
import { generateFoundationStore } from '../fixtures/foundationStore.js';
import { eventLoopTurn } from '../fixtures/injectLatencies.js';
import { percentile } from '../harness/stats.js';

type Side = 'keeps none' | 'keeps answers';
const [events = '200000'] = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), 'prm-answers-'));
const store = await generateFoundationStore(join(dir, 'prm.db'), Number(events));
const platforms = {
  'keeps none': await benchPlatform('', { file: store.file, readCacheRows: 0 }),
  'keeps answers': await benchPlatform('', { file: store.file }),
};
const apps = {
  'keeps none': await benchApp(platforms['keeps none']),
  'keeps answers': await benchApp(platforms['keeps answers']),
};
try {
  for (const p of Object.values(platforms)) await projectionsCaughtUp(p);
  const ids = (
    await platforms['keeps answers'].reader.all<{ partner_id: string }>(
      'SELECT partner_id FROM partners ORDER BY random()',
    )
  ).map((r) => r.partner_id);
  const fresh = Math.floor(ids.length / 15);
  const latencies = async (side: Side, urls: readonly string[]) => {
    const { app, adminKey } = apps[side];
    const ms: number[] = [];
    for (const url of urls) {
      const start = performance.now();
      const res = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${adminKey}` } });
      ms.push(performance.now() - start);
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode}`);
      await eventLoopTurn();
    }
    return ms;
  };
  const figures = new Map<string, { p50: number[]; p99: number[] }>();
  const record = (name: string, ms: number[]) => {
    const f = figures.get(name) ?? { p50: [], p99: [] };
    f.p50.push(percentile(ms, 50));
    f.p99.push(percentile(ms, 99));
    figures.set(name, f);
  };
  const hot = Array.from({ length: 3000 }, (_, i) => `/partners/${ids[ids.length - 1 - (i % 300)]}`);
  const regions = ['emea', 'amer', 'apac', 'latam'];
  const pages = Array.from({ length: 600 }, (_, i) => `/partners?limit=50&region=${regions[i % 4]}`);
  for (let round = 0; round < 6; round++) {
    const order: Side[] = round % 2 ? ['keeps answers', 'keeps none'] : ['keeps none', 'keeps answers'];
    for (const side of order) {
      const first = (side === 'keeps none' ? 0 : 6 * fresh) + round * fresh;
      record(
        `${side}: partners read for the first time`,
        await latencies(
          side,
          ids.slice(first, first + fresh).map((id) => `/partners/${id}`),
        ),
      );
      record(`${side}: 300 partners read in turn`, await latencies(side, hot));
      record(`${side}: directory pages by region`, await latencies(side, pages));
    }
  }
  const median = (xs: number[]) => percentile(xs, 50).toFixed(3);
  for (const [name, f] of [...figures].sort()) console.log(`${name}: p50 ${median(f.p50)} ms, p99 ${median(f.p99)} ms`);
} finally {
  for (const { app } of Object.values(apps)) await app.close();
  for (const p of Object.values(platforms)) await p.close();
  rmSync(dir, { recursive: true, force: true });
}
