/**
 * The database going away under load, with two `prm serve` nodes: PostgreSQL stopped and restarted,
 * and every backend of the nodes killed with pg_terminate_backend. Commands answer their success or
 * 503 `database_unavailable` with Retry-After, never anything else; a refused command left nothing
 * behind and an acknowledged one is in the log; /health says `degraded` meanwhile; everything resumes
 * by itself (commands, projections, the chain).
 */
import pg from 'pg';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startServer, type ServerProcess } from '../reliability/serverProcess.js';
import { freshDatabase } from '../support/clusterTestApp.js';
import { list, maybe, strOrNull } from '../support/json.js';
import { startPostgres, type PostgresServer } from '../support/postgresServer.js';
import { type Answer, call, eventually, registered } from './clusterLoad.js';

interface Ctx {
  pg: PostgresServer;
  url: string;
  nodes: ServerProcess[];
}
const test = suite<Ctx>('cluster mode: the database goes away under load');
test.before(async (ctx) => {
  ctx.pg = await startPostgres();
  ctx.url = await freshDatabase(ctx.pg);
  ctx.nodes = await Promise.all(
    ['f1', 'f2'].map((name) =>
      startServer('/proc/prm-cluster-has-no-data-dir', { PRM_DATABASE_URL: ctx.url, PRM_NODE_NAME: name }),
    ),
  );
});
test.after(async (ctx) => {
  for (const n of ctx.nodes ?? []) await n.kill();
  await ctx.pg?.stop();
});

interface Outcome {
  readonly email: string;
  readonly answer: Answer;
}

/**
 * Registrations from four workers over the nodes until `trouble` (started once twelve answered) is
 * over and twelve more have answered; while it lasts, one more every 25 ms as well, not waiting for
 * any answer. A registration whose COMMIT was cut waits for the database to come back (its outcome is
 * unknown until then), so on a slow machine the four workers alone may all wait out the whole outage
 * and never meet it. /health of each node sampled meanwhile.
 */
const loadThrough = async (nodes: readonly string[], tag: string, trouble: () => Promise<void>) => {
  const outcomes: Outcome[] = [];
  const health = new Set<string>();
  let over = false;
  let troubleStarted: Promise<void> | undefined;
  let afterTrouble = 0;
  let n = 0;
  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const register = async () => {
    const i = n++;
    const email = `${tag}${i}@fail.example`;
    const answer = await call(nodes[i % nodes.length], 'POST', '/people', { name: `F ${i}`, email });
    outcomes.push({ email, answer });
  };
  const worker = async () => {
    while (!over || afterTrouble < 12) {
      await register();
      if (over) afterTrouble += 1;
      if (!troubleStarted && outcomes.length >= 12)
        troubleStarted = trouble().finally(() => {
          over = true;
        });
      if (troubleStarted && !over) await pause(20);
    }
  };
  const duringTrouble = async () => {
    while (!troubleStarted) await pause(10);
    const sent: Promise<void>[] = [];
    while (!over) {
      sent.push(register());
      await pause(25);
    }
    await Promise.all(sent);
  };
  const sampler = async () => {
    while (!over) {
      for (const u of nodes) {
        const h = await call(u, 'GET', '/health');
        const status = maybe(h.body, 'status');
        if (typeof status === 'string') health.add(status);
      }
      await pause(100);
    }
  };
  await Promise.all([worker(), worker(), worker(), worker(), duringTrouble(), sampler()]);
  return { outcomes, health };
};

/** Every answer a success or a retryable 503; refusals left nothing; successes are in the log. */
const checkOutcomes = async (outcomes: readonly Outcome[], reader: string) => {
  const statuses = new Map<number, number>();
  for (const o of outcomes) statuses.set(o.answer.status, (statuses.get(o.answer.status) ?? 0) + 1);
  for (const o of outcomes) {
    const { status, body, headers } = o.answer;
    assert.ok(status === 201 || status === 503, `${o.email}: ${status} ${JSON.stringify(body)}`);
    if (status === 503) {
      assert.is(maybe(body, 'code'), 'database_unavailable', JSON.stringify(body));
      assert.ok(headers?.get('retry-after'), 'Retry-After');
      assert.is(headers?.get('content-type')?.startsWith('application/problem+json'), true);
    }
    assert.is(await registered(reader, o.email), status === 201, `${o.email} answered ${status}`);
  }
  return statuses;
};

const resumed = async (nodes: readonly string[], tag: string) => {
  for (const [i, u] of nodes.entries())
    await eventually(
      async () => (await call(u, 'POST', '/people', { name: 'R', email: `${tag}${i}@resumed.example` })).status === 201,
      30_000,
      `commands on ${u} again`,
    );
  for (const u of nodes)
    await eventually(
      async () => {
        const h = await call(u, 'GET', '/health');
        return maybe(h.body, 'status') === 'ok' && maybe(h.body, 'projectionLag') === 0;
      },
      30_000,
      `${u} healthy and caught up`,
    );
  const verify = await call(nodes[0], 'GET', '/audit/verify');
  assert.is(maybe(verify.body, 'ok'), true, JSON.stringify(verify.body));
  // Nothing half-written: every registration has both its events (email reservation and person).
  const count = async (type: string) => {
    let n = 0;
    for (let cursor = ''; ; ) {
      const page = await call(nodes[1], 'GET', `/audit/events?type=${type}&limit=200${cursor}`);
      n += list(page.body, 'items').length;
      const next = strOrNull(page.body, 'nextCursor');
      if (!next) return n;
      cursor = `&cursor=${next}`;
    }
  };
  assert.is(await count('EmailReserved'), await count('PersonRegistered'));
};

test('PostgreSQL stopped and restarted mid-load', async ({ pg: server, nodes }) => {
  const urls = nodes.map((n) => n.url);
  const { outcomes, health } = await loadThrough(urls, 'restart', () => server.restart(1500));
  const statuses = await checkOutcomes(outcomes, urls[0]);
  assert.ok((statuses.get(503) ?? 0) > 0, `some commands met the outage: ${JSON.stringify([...statuses])}`);
  assert.ok((statuses.get(201) ?? 0) > 0);
  assert.ok(health.has('degraded'), `health said degraded meanwhile: ${[...health]}`);
  await resumed(urls, 'restart');
});

test('backends killed with pg_terminate_backend mid-load', async ({ url, nodes }) => {
  const urls = nodes.map((n) => n.url);
  const terminate = async () => {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      for (let round = 0; round < 3; round++) {
        await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name LIKE 'prm %'`);
        await new Promise((r) => setTimeout(r, 150));
      }
    } finally {
      await admin.end();
    }
  };
  const { outcomes } = await loadThrough(urls, 'terminate', terminate);
  await checkOutcomes(outcomes, urls[1]);
  await resumed(urls, 'terminate');
});

test.run();
