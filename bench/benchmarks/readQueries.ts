import type { Benchmark } from '../harness/benchmark.js';
import { latencyFigures } from '../harness/latencyFigures.js';
import { benchApp } from '../fixtures/benchApp.js';
import { benchPlatform, projectionsCaughtUp } from '../fixtures/benchPlatform.js';
import { getsAs, injectLatencies } from '../fixtures/injectLatencies.js';
import { sharedFoundationStore } from '../fixtures/sharedFoundationStore.js';

const listFilters = [
  'status=active&region=emea',
  'tier=gold&region=amer',
  'type=distributor',
  'status=active&tier=platinum&region=apac',
  'region=latam&status=suspended',
  'type=msp&status=active',
  'q=Cloud&region=emea',
];

export const readQueries: Benchmark = {
  name: 'reads',
  title: 'Read queries',
  description:
    'GET /partners with filters (50 a page) and GET /partners/:id ' +
    'via fastify.inject on the generated store, one at a time',
  run: async (ctx) => {
    const store = await sharedFoundationStore(ctx);
    const requests = ctx.options.quick ? 50 : 2000;
    const warmup = ctx.options.quick ? 20 : 200;
    // Projections start on the store: caught up already when the rebuild ran before, else they catch up now (untimed).
    const platform = await benchPlatform('', { file: store.file });
    const { app, adminKey, tokenFor } = await benchApp(platform);
    try {
      await projectionsCaughtUp(platform);
      const ids = (
        await platform.reader.all<{ partner_id: string }>(
          `SELECT partner_id FROM partners WHERE status <> 'rejected' ORDER BY random() LIMIT ?`,
          [requests],
        )
      ).map((r) => r.partner_id);
      const manager = await platform.reader.get<{ person_id: string }>(
        `SELECT person_id FROM people WHERE vendor_roles LIKE '%"channel_manager","regions"%'
         ORDER BY person_id LIMIT 1`,
      );
      if (ids.length === 0 || !manager) throw new Error('the generated store has no partners or channel managers');
      const managerToken = tokenFor(manager.person_id);
      const cycle = <T>(items: readonly T[], n: number) => Array.from({ length: n }, (_, i) => items[i % items.length]);
      const lists = cycle(listFilters, requests).map((f) => `/partners?${f}&limit=50`);
      const byId = cycle(ids, requests).map((id) => `/partners/${id}`);
      await injectLatencies(app, getsAs(adminKey, [...lists.slice(0, warmup), ...byId.slice(0, warmup)]));
      const runs = {
        list: await injectLatencies(app, getsAs(adminKey, lists)),
        byId: await injectLatencies(app, getsAs(adminKey, byId)),
        managerList: await injectLatencies(
          app,
          getsAs(
            managerToken,
            cycle(['/partners?limit=50', '/partners?status=active&limit=50', '/partners?tier=gold&limit=50'], requests),
          ),
        ),
      };
      const figures = [
        ...latencyFigures('partnersList', 'GET /partners?filters (admin)', runs.list),
        ...latencyFigures('partnerById', 'GET /partners/:id (admin)', runs.byId),
        ...latencyFigures('partnersListManager', 'GET /partners (regional channel manager)', runs.managerList),
      ];
      ctx.log(`reads: list p99 ${figures[1].value} ms, by id p99 ${figures[3].value} ms`);
      return {
        figures,
        details: {
          events: store.events,
          partners: store.partners,
          people: store.people,
          requestsPerQuery: requests,
          warmup,
          listFilters,
          via: 'fastify.inject',
        },
      };
    } finally {
      await app.close();
      await platform.close();
    }
  },
};
