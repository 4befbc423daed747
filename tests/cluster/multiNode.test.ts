/**
 * The cluster as operators run it: `prm serve` processes with PRM_DATABASE_URL on one PostgreSQL
 * database and a data directory nobody can write. Commands spread over three nodes; each is visible
 * on every node the moment it answered; a departed sales rep is refused by every node on the next
 * request; kill -9 of the node running the projections mid-load loses no acknowledged command, the
 * projections move to a survivor, and the chain stays intact.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startServer, type ServerProcess } from '../reliability/serverProcess.js';
import { freshDatabase } from '../support/clusterTestApp.js';
import { maybe, str } from '../support/json.js';
import { startPostgres, type PostgresServer } from '../support/postgresServer.js';
import { call, eventually, registerPeople, registered } from './clusterLoad.js';

/** Under /proc nothing can be created, not even by root: a node that needed a file would fail to start. */
const NO_DATA_DIR = '/proc/prm-cluster-has-no-data-dir';

interface Ctx {
  pg: PostgresServer;
  url: string;
  nodes: ServerProcess[];
}
const test = suite<Ctx>('cluster mode: server processes on one database');
const startNode = (url: string, name: string) =>
  startServer(NO_DATA_DIR, { PRM_DATABASE_URL: url, PRM_NODE_NAME: name, PRM_DB_POOL_SIZE: '6' });

test.before(async (ctx) => {
  ctx.pg = await startPostgres();
  ctx.url = await freshDatabase(ctx.pg);
  // Two nodes starting at once on an empty database, then a third.
  ctx.nodes = await Promise.all([startNode(ctx.url, 'a'), startNode(ctx.url, 'b')]);
  ctx.nodes.push(await startNode(ctx.url, 'c'));
});
test.after(async (ctx) => {
  for (const n of ctx.nodes ?? []) await n.kill();
  await ctx.pg?.stop();
});

const running = async (node: ServerProcess) =>
  (maybe((await call(node.url, 'GET', '/health')).body, 'running') ?? []) as string[];
const holderOf = async (nodes: readonly ServerProcess[], what: string) => {
  for (const n of nodes) if ((await running(n)).includes(what)) return n;
  return undefined;
};

test('nodes started together on an empty database serve; exactly one runs each follower', async ({ nodes }) => {
  for (const n of nodes) {
    const health = await call(n.url, 'GET', '/health');
    assert.is(health.status, 200);
    assert.is(maybe(health.body, 'status'), 'ok', JSON.stringify(health.body));
  }
  await eventually(async () => (await holderOf(nodes, 'projections')) !== undefined, 10_000, 'a projections holder');
  const runs = await Promise.all(nodes.map(running));
  assert.is(runs.filter((r) => r.includes('projections')).length, 1, JSON.stringify(runs));
  assert.ok(runs.filter((r) => r.includes('policies')).length <= 1, JSON.stringify(runs));
});

test('commands spread over the nodes are visible on every other node the moment they answered', async ({ nodes }) => {
  const urls = nodes.map((n) => n.url);
  for (let i = 0; i < 15; i++) {
    const writer = urls[i % 3];
    const created = await call(writer, 'POST', '/people', { name: `Spread ${i}`, email: `spread${i}@nodes.example` });
    assert.is(created.status, 201, JSON.stringify(created.body));
    for (const reader of urls.filter((u) => u !== writer)) {
      const seen = await call(reader, 'GET', `/people/${str(created.body, 'id')}`);
      assert.is(seen.status, 200, `person ${i} written through ${writer}, read through ${reader}`);
    }
  }
});

test('a sales rep who left through one node gets nothing of the partner from any node on the next request', async ({
  nodes,
}) => {
  const [a, b, c] = nodes.map((n) => n.url);
  const partner = await call(a, 'POST', '/partners', {
    name: 'Cross',
    website: 'https://cross.example',
    country: 'DE',
    region: 'emea',
    type: 'reseller',
  });
  const id = str(partner.body, 'id');
  assert.is((await call(b, 'POST', `/partners/${id}/approve`, { tier: 'gold' })).status, 200);
  assert.is(
    (await call(c, 'POST', `/partners/${id}/agreements`, { agreementVersion: '1', signedBy: 'J' })).status,
    200,
  );
  const rep = await call(a, 'POST', '/people', { name: 'Rep', email: 'rep@cross.example' });
  const repId = str(rep.body, 'id');
  assert.is((await call(b, 'POST', `/partners/${id}/employees`, { personId: repId, role: 'sales' })).status, 200);
  const token = await call(c, 'POST', '/auth/tokens', { personId: repId });
  assert.is(token.status, 201, JSON.stringify(token.body));
  const as = { authorization: `Bearer ${str(token.body, 'token')}` };
  for (const u of [a, b, c]) assert.is((await call(u, 'GET', `/partners/${id}`, undefined, as)).status, 200);
  assert.is((await call(a, 'POST', `/partners/${id}/employees/${repId}/leave`, {})).status, 200);
  for (const u of [b, c, a]) {
    assert.is((await call(u, 'GET', `/partners/${id}`, undefined, as)).status, 404, `refused by ${u}`);
    assert.is((await call(u, 'GET', `/partners/${id}/employees`, undefined, as)).status, 404);
  }
});

const killTitle =
  'kill -9 of the node running the projections mid-load: ' +
  'no acknowledged command lost, projections taken over, chain intact';
test(killTitle, async (ctx) => {
  const victim = await holderOf(ctx.nodes, 'projections');
  assert.ok(victim, 'a node runs the projections');
  const alive = () => ctx.nodes.map((n) => n.url);
  let killed = false;
  const sent = await registerPeople(alive, {
    count: 90,
    concurrency: 6,
    tag: 'kill',
    during: async (done) => {
      if (killed || done < 25) return;
      killed = true;
      ctx.nodes.splice(ctx.nodes.indexOf(victim), 1);
      await victim.kill();
    },
  });
  const acknowledged = sent.filter((s) => s.answer.status === 201);
  assert.ok(acknowledged.length >= 60, `${acknowledged.length} acknowledged`);
  for (const s of sent) assert.ok(s.answer.status === 201 || s.answer.status === 0, `${s.email}: ${s.answer.status}`);
  const survivor = ctx.nodes[0].url;
  await eventually(async () => (await holderOf(ctx.nodes, 'projections')) !== undefined, 10_000, 'a new holder');
  for (const s of acknowledged) {
    assert.ok(await registered(survivor, s.email), `${s.email} acknowledged, so in the log`);
    for (const u of alive())
      assert.is((await call(u, 'GET', `/people/${str(s.answer.body, 'id')}`)).status, 200, `${s.email} read on ${u}`);
  }
  const after = await call(ctx.nodes[1].url, 'POST', '/people', { name: 'After', email: 'after@kill.example' });
  assert.is(after.status, 201, 'commands answer once the survivors run the projections');
  const verify = await call(survivor, 'GET', '/audit/verify');
  assert.is(maybe(verify.body, 'ok'), true, JSON.stringify(verify.body));
  const health = await call(survivor, 'GET', '/health');
  assert.is(maybe(health.body, 'projectionLag'), 0);
});

test.run();
