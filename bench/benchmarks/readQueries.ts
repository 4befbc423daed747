import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app/buildApp.js';
import { signToken } from '../../http/jwt.js';
import type { Benchmark, Figure } from '../harness/benchmark.js';
import { percentile, round, since } from '../harness/stats.js';
import { benchPlatform, projectionsCaughtUp } from '../fixtures/benchPlatform.js';
import { sharedFoundationStore } from '../fixtures/sharedFoundationStore.js';

/** Sends `urls` one by one through fastify.inject; latency of each; any non-200 stops the run. */
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

const listFilters = [
  'status=active&region=emea', 'tier=gold&region=amer', 'type=distributor', 'status=active&tier=platinum&region=apac',
  'region=latam&status=suspended', 'type=msp&status=active', 'q=Cloud&region=emea',
];

export const readQueries: Benchmark = {
  name: 'reads',
  title: 'Read queries',
  description: 'GET /partners with filters (50 a page) and GET /partners/:id via fastify.inject on the generated store, one at a time',
  run: async (ctx) => {
    const store = await sharedFoundationStore(ctx);
    const requests = ctx.options.quick ? 50 : 2000;
    const warmup = ctx.options.quick ? 20 : 200;
    // Projections start on the store: caught up already when the rebuild ran before, else they catch up now (untimed).
    const platform = await benchPlatform('', { file: store.file });
    const adminKey = randomBytes(24).toString('base64url');
    const jwtSecret = randomBytes(32).toString('base64url');
    const app = await buildApp(platform, { adminKey, jwtSecret, logLevel: 'silent' });
    try {
      await projectionsCaughtUp(platform);
      const ids = (await platform.reader.all<{ partner_id: string }>(`SELECT partner_id FROM partners WHERE status <> 'rejected' ORDER BY random() LIMIT ?`, [requests]))
        .map((r) => r.partner_id);
      const manager = await platform.reader.get<{ person_id: string }>(
        `SELECT person_id FROM people WHERE vendor_roles LIKE '%"channel_manager","regions"%' ORDER BY person_id LIMIT 1`);
      if (ids.length === 0 || !manager) throw new Error('the generated store has no partners or channel managers');
      const iat = Math.floor(Date.now() / 1000);
      const managerToken = signToken(jwtSecret, { sub: manager.person_id, iat, exp: iat + 3600 });
      const cycle = <T>(items: readonly T[], n: number) => Array.from({ length: n }, (_, i) => items[i % items.length]);
      const lists = cycle(listFilters, requests).map((f) => `/partners?${f}&limit=50`);
      const byId = cycle(ids, requests).map((id) => `/partners/${id}`);
      await measure(app, adminKey, [...lists.slice(0, warmup), ...byId.slice(0, warmup)]);
      const runs = {
        list: await measure(app, adminKey, lists),
        byId: await measure(app, adminKey, byId),
        managerList: await measure(app, managerToken, cycle(['/partners?limit=50', '/partners?status=active&limit=50', '/partners?tier=gold&limit=50'], requests)),
      };
      const figures: Figure[] = [];
      const add = (key: string, label: string, latencies: number[]) => {
        figures.push({ key: `${key}P50Ms`, label: `${label} p50`, value: round(percentile(latencies, 50), 2), unit: 'ms' });
        figures.push({ key: `${key}P99Ms`, label: `${label} p99`, value: round(percentile(latencies, 99), 2), unit: 'ms', target: { op: '<', value: 10 } });
      };
      add('partnersList', 'GET /partners?filters (admin)', runs.list);
      add('partnerById', 'GET /partners/:id (admin)', runs.byId);
      add('partnersListManager', 'GET /partners (regional channel manager)', runs.managerList);
      ctx.log(`reads: list p99 ${figures[1].value} ms, by id p99 ${figures[3].value} ms`);
      return {
        figures,
        details: { events: store.events, partners: store.partners, people: store.people, requestsPerQuery: requests, warmup, listFilters, via: 'fastify.inject' },
      };
    } finally {
      await app.close();
      await platform.close();
    }
  },
};
