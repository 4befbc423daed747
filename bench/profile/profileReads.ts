/**
 * `tsx bench/profile/profileReads.ts <out.cpuprofile> [events] [requests]`: GET /partners/:id and
 * GET /partners?limit=50 through fastify.inject on a generated store, under the profiler after a
 * warm-up; prints each route's mean time. Where the time of a read goes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchApp } from '../fixtures/benchApp.js';
import { benchPlatform, projectionsCaughtUp } from '../fixtures/benchPlatform.js';
import { eventLoopTurn } from '../fixtures/injectLatencies.js';
import { generateFoundationStore } from '../fixtures/foundationStore.js';
import { cpuProfile } from './cpuProfile.js';

const [out = 'reads.cpuprofile', events = '30000', requests = '4000'] = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), 'prm-profile-'));
const store = await generateFoundationStore(join(dir, 'prm.db'), Number(events));
const platform = await benchPlatform('', { file: store.file });
const { app, adminKey } = await benchApp(platform);
try {
  await projectionsCaughtUp(platform);
  const ids = (await platform.reader.all<{ partner_id: string }>('SELECT partner_id FROM partners')).map(
    (r) => r.partner_id,
  );
  const headers = { authorization: `Bearer ${adminKey}` };
  const get = async (url: string) => {
    const res = await app.inject({ method: 'GET', url, headers });
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
    await eventLoopTurn();
  };
  const time = async (n: number, url: (i: number) => string) => {
    const start = performance.now();
    for (let i = 0; i < n; i++) await get(url(i));
    return (performance.now() - start) / n;
  };
  const byId = (i: number) => `/partners/${ids[(i * 7919) % ids.length]}`;
  const list = () => '/partners?limit=50';
  await time(500, byId);
  await time(200, list);
  const n = Number(requests);
  const means = await cpuProfile(out, async () => ({ byId: await time(n, byId), list: await time(n / 2, list) }));
  console.log(
    `GET /partners/:id ${means.byId.toFixed(3)} ms, GET /partners?limit=50 ${means.list.toFixed(3)} ms (mean)`,
  );
} finally {
  await app.close();
  await platform.close();
  rmSync(dir, { recursive: true, force: true });
}
