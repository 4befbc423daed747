/**
 * Property (DESIGN §12): after any sequence of kills, every read model equals a rebuild. Three nodes
 * of one cluster share a database; random foundation commands go to the nodes in turn, and at random
 * requests the node running the projections is killed (every connection of it terminated at once,
 * most often while it applies the very command being sent) and replaced by a fresh node. Once the
 * survivors are quiet, each projection's tables must equal what a rebuild from the log makes.
 */
import fc from 'fast-check';
import pg from 'pg';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createClusterPlatform } from '../../app/cluster/clusterPlatform.js';
import { timeOrderedIds } from '../../app/timeOrderedIds.js';
import { manualClock } from '../../domain/shared/clock.js';
import { allProjections } from '../../projections/index.js';
import type { SqlDb } from '../../infra/sql/sqlDb.js';
import { runScenario, step } from '../projections/foundationScenario.js';
import { freshDatabase, startClusterTestApp, type ClusterTestApp } from '../support/clusterTestApp.js';
import { startPostgres, type PostgresServer } from '../support/postgresServer.js';
import type { TestApp } from '../support/testApp.js';

const test = suite<{ pg: PostgresServer }>('Property: killed nodes, read models equal a rebuild');
test.before(async (ctx) => {
  ctx.pg = await startPostgres();
});
test.after(async (ctx) => {
  await ctx.pg?.stop();
});

/** Every table of every projection, rows as sorted JSON. */
const dump = async (db: SqlDb) => {
  const out: Record<string, string[]> = {};
  for (const table of [...new Set(allProjections.flatMap((p) => p.tables))].sort())
    out[table] = (await db.all(`SELECT * FROM ${table}`)).map((r) => JSON.stringify(r)).sort();
  return out;
};

const cluster = async (url: string, clock: ReturnType<typeof manualClock>) => {
  let named = 0;
  const start = () => startClusterTestApp(url, { clock, nodeName: `k${++named}`, leaseRetryMs: 100, pollMs: 200 });
  const live: ClusterTestApp[] = await Promise.all([start(), start(), start()]);
  const background: Promise<unknown>[] = [];
  let turn = 0;
  let kills = 0;

  /** Death as PostgreSQL sees it: all of the node's connections terminated, while it carries on closing. */
  const kill = async (victim: ClusterTestApp) => {
    live.splice(live.indexOf(victim), 1);
    const name = (await victim.platform.pool.query<{ n: string }>(`SELECT current_setting('application_name') AS n`))
      .rows[0].n;
    const closing = victim.dispose().catch(() => undefined);
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [name]);
    await admin.end();
    await closing;
    live.push(await start());
    kills += 1;
  };

  /**
   * What runScenario drives: each request to the next live node; at the chosen requests (or the next one
   * that finds a holder), the node holding the projections is killed while it applies that request.
   */
  let pending: number[] = [];
  const driver = (killAt: readonly number[]) => {
    pending = [...killAt].sort((a, b) => a - b);
    return {
      clock,
      request: (method: string, path: string, body?: unknown) => {
        turn += 1;
        const holder = live.find((n) => n.platform.running().includes('projections'));
        const others = live.filter((n) => n !== holder);
        const node = others[turn % others.length] ?? live[0];
        const answer = node.request(method, path, body);
        if (pending.length && turn >= pending[0] && holder && node !== holder) {
          pending.shift();
          background.push(kill(holder));
        }
        return answer;
      },
    };
  };

  const quiet = async () => {
    await Promise.all(background);
    // A kill the requests ran out before (no holder found at its turn) happens now, once a node holds the
    // projections: every scenario kills at least once, whatever the timing of the leases.
    if (pending.length) {
      pending = [];
      const deadline = Date.now() + 10_000;
      let holder = live.find((n) => n.platform.running().includes('projections'));
      while (!holder && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
        holder = live.find((n) => n.platform.running().includes('projections'));
      }
      if (holder) await kill(holder);
    }
    const node = live[0];
    for (;;) {
      const head = await node.eventCount();
      await node.platform.policies.waitFor(head);
      await node.platform.runner.waitFor(head);
      if ((await node.eventCount()) === head && node.platform.runner.position() >= head) return head;
    }
  };
  return { driver, quiet, live, kills: () => kills };
};

test('every read model equals a rebuild, whatever nodes were killed when', async ({ pg: server }) => {
  let killed = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.array(step, { minLength: 12, maxLength: 24 }),
      fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 3 }),
      async (steps, killAt) => {
        const url = await freshDatabase(server, 'kills');
        const clock = manualClock('2026-06-01T09:00:00.000Z');
        const c = await cluster(url, clock);
        try {
          await runScenario(c.driver(killAt) as unknown as TestApp, steps);
          await c.quiet();
        } finally {
          for (const n of c.live.splice(0)) await n.dispose();
        }
        // A one-shot platform (as `prm rebuild` opens): the incremental read models, then a rebuild of them.
        const platform = await createClusterPlatform({ url, clock, ids: timeOrderedIds(), startProjections: false });
        try {
          const incremental = await dump(platform.reader);
          await platform.runner.rebuild();
          assert.equal(await dump(platform.reader), incremental, `after ${c.kills()} kill(s)`);
          killed += c.kills();
        } finally {
          await platform.close();
        }
      },
    ),
    { numRuns: 4 },
  );
  assert.ok(killed >= 4, `nodes were killed (${killed} in all)`);
});

test.run();
