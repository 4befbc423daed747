/**
 * Several nodes of one cluster in this process, each with its own pool, session and app, on one
 * PostgreSQL database: one holder per lease, read-your-writes on every node, access changes seen by
 * every node at once, PRM-Min-Position, takeover when the holder dies.
 */
import pg from 'pg';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { manualClock } from '../../domain/shared/clock.js';
import { freshDatabase, startClusterTestApp, type ClusterTestApp } from '../support/clusterTestApp.js';
import { at, num, str } from '../support/json.js';
import { startPostgres, type PostgresServer } from '../support/postgresServer.js';

interface Ctx {
  pg: PostgresServer;
  url: string;
  nodes: ClusterTestApp[];
}
const test = suite<Ctx>('cluster mode: nodes on one database');
const clock = manualClock('2026-06-01T09:00:00.000Z');
let named = 0;
const startNode = (url: string) => startClusterTestApp(url, { clock, nodeName: `node${++named}`, pollMs: 250 });

test.before(async (ctx) => {
  ctx.pg = await startPostgres();
  ctx.url = await freshDatabase(ctx.pg);
  ctx.nodes = [];
  // Two nodes starting together on an empty database: migrations once, one holder per lease.
  ctx.nodes.push(...(await Promise.all([startNode(ctx.url), startNode(ctx.url)])));
});
test.after(async (ctx) => {
  for (const n of ctx.nodes ?? []) await n.dispose().catch(() => undefined);
  await ctx.pg?.stop();
});

const eventually = async (check: () => boolean | Promise<boolean>, ms: number, what: string) => {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};

const holders = (nodes: readonly ClusterTestApp[], lease: string) =>
  nodes.filter((n) => n.platform.running().includes(lease));

const activePartner = async (n: ClusterTestApp, name: string) => {
  const p = await n.post('/partners', {
    name,
    website: 'https://p.example',
    country: 'DE',
    region: 'emea',
    type: 'reseller',
  });
  assert.is(p.status, 201, JSON.stringify(p.body));
  assert.is((await n.post(`/partners/${str(p.body, 'id')}/approve`, { tier: 'gold' })).status, 200);
  assert.is(
    (await n.post(`/partners/${str(p.body, 'id')}/agreements`, { agreementVersion: '1', signedBy: 'Jo' })).status,
    200,
  );
  return str(p.body, 'id');
};

test('one node holds each lease; the other answers commands after the shared read models include them', async ({
  nodes,
}) => {
  await eventually(() => holders(nodes, 'projections').length === 1, 5000, 'a projections holder');
  await eventually(() => holders(nodes, 'policies').length === 1, 5000, 'a policies holder');
  for (let i = 0; i < 10; i++) {
    const [writer, reader] = i % 2 === 0 ? [nodes[0], nodes[1]] : [nodes[1], nodes[0]];
    const created = await writer.post('/people', { name: `P${i}`, email: `p${i}@nodes.example` });
    assert.is(created.status, 201);
    // The very next read on the other node sees it: read models are shared and the command waited for them.
    const seen = await reader.get(`/people/${str(created.body, 'id')}`);
    assert.is(seen.status, 200, `write through one node, read through the other (${i})`);
  }
  assert.equal(holders(nodes, 'projections').length, 1);
});

test('a sales rep who left through one node gets nothing of the partner from the other on the next request', async ({
  nodes,
}) => {
  const [a, b] = nodes;
  const partner = await activePartner(a, 'Departures');
  const rep = await b.post('/people', { name: 'Rep', email: 'rep@departures.example' });
  assert.is(
    (await a.post(`/partners/${partner}/employees`, { personId: str(rep.body, 'id'), role: 'sales' })).status,
    200,
  );
  const repId = str(rep.body, 'id');
  const token = b.tokenFor(repId);
  assert.is((await b.get(`/partners/${partner}`, token)).status, 200, 'hired through A, reads through B at once');
  assert.is((await b.post(`/partners/${partner}/employees/${repId}/leave`, {})).status, 200);
  assert.is((await a.get(`/partners/${partner}`, token)).status, 404, 'left through B, nothing through A');
  assert.is((await a.get(`/partners/${partner}/employees`, token)).status, 404);
});

test('PRM-Min-Position: a read waits for the position, and answers 503 read_model_behind past 5 s', async ({
  nodes,
}) => {
  const [a, b] = nodes;
  const created = await a.post('/people', { name: 'Min', email: 'min@nodes.example' });
  const position = String(num(created.body, 'position'));
  const read = await b.get(`/people/${str(created.body, 'id')}`, undefined, { 'PRM-Min-Position': position });
  assert.is(read.status, 200);
  const bad = await b.get('/people', undefined, { 'PRM-Min-Position': 'soon' });
  assert.is(bad.status, 400);
  assert.is(at(bad.body, 'code'), 'validation_failed');
  const started = Date.now();
  const ahead = await b.get('/partners', undefined, { 'PRM-Min-Position': String(Number(position) + 1000) });
  assert.is(ahead.status, 503);
  assert.is(at(ahead.body, 'code'), 'read_model_behind');
  assert.is(ahead.headers['retry-after'], '1');
  assert.ok(Date.now() - started >= 4900, 'waited about 5 s first');
});

test('the holder dies: another node takes its leases over and commands keep answering', async (ctx) => {
  ctx.nodes.push(await startNode(ctx.url));
  const holder = holders(ctx.nodes, 'projections')[0];
  assert.ok(holder, 'a node holds the projections');
  // Death as PostgreSQL sees it: every connection of that node gone at once.
  const admin = new pg.Client({ connectionString: ctx.url });
  await admin.connect();
  const dying = ctx.nodes.indexOf(holder);
  ctx.nodes.splice(dying, 1);
  const appName = (
    await holder.platform.pool.query<{ n: string }>('SELECT current_setting($1) AS n', ['application_name'])
  ).rows[0].n;
  const closing = holder.dispose().catch(() => undefined);
  await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [appName]);
  await admin.end();
  await closing;
  const started = Date.now();
  await eventually(() => holders(ctx.nodes, 'projections').length === 1, 10_000, 'a new projections holder');
  await eventually(() => holders(ctx.nodes, 'policies').length === 1, 10_000, 'a new policies holder');
  assert.ok(Date.now() - started < 10_000);
  for (const n of ctx.nodes) {
    const created = await n.post('/people', { name: 'After', email: `after${ctx.nodes.indexOf(n)}@nodes.example` });
    assert.is(created.status, 201);
    for (const m of ctx.nodes) assert.is((await m.get(`/people/${str(created.body, 'id')}`)).status, 200);
  }
});

test.run();
