/**
 * `rebuild` and `reads` on PostgreSQL read models (cluster mode, issue 14), beside SQLite's: the
 * generated store (--events) imported into a fresh PostgreSQL 15 database, every read model rebuilt
 * from it, then the `reads` benchmark's queries against them through fastify.inject.
 */
import { createClusterPlatform } from '../../app/cluster/clusterPlatform.js';
import { timeOrderedIds } from '../../app/timeOrderedIds.js';
import { systemClock } from '../../domain/shared/clock.js';
import { exportSqliteFile } from '../../eventstore/sqlite/exportSqliteFile.js';
import { freshDatabase } from '../../tests/support/clusterTestApp.js';
import { startPostgres } from '../../tests/support/postgresServer.js';
import { benchApp } from '../fixtures/benchApp.js';
import { sharedFoundationStore } from '../fixtures/sharedFoundationStore.js';
import type { Benchmark, Figure } from '../harness/benchmark.js';
import { round, since } from '../harness/stats.js';
import { measurePartnerReads } from './readQueries.js';

export const postgresReadModels: Benchmark = {
  name: 'postgresReadModels',
  title: 'Rebuild and reads on PostgreSQL',
  description:
    'the generated store (--events) imported into PostgreSQL 15, runner.rebuild() of every read model, ' +
    'then the reads benchmark via fastify.inject on the PostgreSQL read models',
  run: async (ctx) => {
    const store = await sharedFoundationStore(ctx);
    const requests = ctx.options.quick ? 50 : 2000;
    const warmup = ctx.options.quick ? 20 : 200;
    const pg = await startPostgres();
    try {
      const url = await freshDatabase(pg, 'bench');
      const platform = await createClusterPlatform({
        url,
        clock: systemClock,
        ids: timeOrderedIds(),
        startProjections: false,
      });
      try {
        let start = performance.now();
        const exported = await exportSqliteFile(store.file);
        const imported = await platform.importLog(exported.lines);
        const importSeconds = since(start) / 1000;
        start = performance.now();
        await platform.runner.rebuild();
        const rebuildSeconds = since(start) / 1000;
        const events = imported.head.position;
        ctx.log(
          `postgres: ${events} events imported in ${importSeconds.toFixed(1)} s, ` +
            `rebuilt in ${rebuildSeconds.toFixed(1)} s (${Math.round(events / rebuildSeconds)} events/s)`,
        );
        const { app, adminKey, tokenFor } = await benchApp(platform);
        try {
          const reads = await measurePartnerReads(
            platform,
            app,
            {
              adminKey,
              tokenFor,
              // jsonb prints its text in its own order and spacing: ask for the structure instead.
              managerSql: `SELECT person_id FROM people
                WHERE vendor_roles @> '[{"role": "channel_manager"}]' AND vendor_roles::text LIKE '%"regions"%'
                ORDER BY person_id LIMIT 1`,
            },
            { requests, warmup },
          );
          ctx.log(`postgres reads: list p99 ${reads[1].value} ms, by id p99 ${reads[3].value} ms`);
          const figures: Figure[] = [
            {
              key: 'rebuildEventsPerSec',
              label: `rebuild of ${events.toLocaleString('en-US')} events`,
              value: round(events / rebuildSeconds, 0),
              unit: 'events/s',
            },
            { key: 'rebuildSeconds', label: 'rebuild time', value: round(rebuildSeconds, 2), unit: 's' },
            ...reads,
          ];
          return {
            figures,
            details: { events, importSeconds: round(importSeconds, 1), requestsPerQuery: requests, warmup },
          };
        } finally {
          await app.close();
        }
      } finally {
        await platform.close();
      }
    } finally {
      await pg.stop();
    }
  },
};
