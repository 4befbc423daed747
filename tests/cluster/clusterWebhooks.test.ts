/**
 * Webhooks in cluster mode: one node delivers, under the `webhooks` lease, with the signing key the
 * cluster keeps (a subscription made through one node verifies on deliveries from any); events appended
 * through every node arrive in log order; when the delivering node goes, another takes the lease over
 * and resumes from the stored checkpoint: no event missing (duplicates allowed, at least once).
 */
import { Webhook } from 'standardwebhooks';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { freshDatabase, startClusterTestApp, type ClusterTestApp } from '../support/clusterTestApp.js';
import { list, num, str, strOrNull } from '../support/json.js';
import { startPostgres, type PostgresServer } from '../support/postgresServer.js';
import { startReceiver, type Receiver } from '../support/receiver.js';

interface Ctx {
  pg: PostgresServer;
  nodes: ClusterTestApp[];
  receiver: Receiver;
}
const test = suite<Ctx>('cluster mode: webhooks');
const fast = { firstDelayMs: 30, factor: 2, maxDelayMs: 200, giveUpAfterMs: 600_000, jitter: 0.2 };
let named = 0;
const startNode = (url: string) =>
  startClusterTestApp(url, {
    now: new Date().toISOString(),
    nodeName: `hook${++named}`,
    pollMs: 250,
    webhooks: { allowPrivate: true, timeoutMs: 1500, retry: fast },
  });

test.before(async (ctx) => {
  ctx.pg = await startPostgres();
  const url = await freshDatabase(ctx.pg);
  ctx.nodes = await Promise.all([startNode(url), startNode(url)]);
  ctx.receiver = await startReceiver();
});
test.after(async (ctx) => {
  for (const n of ctx.nodes ?? []) await n.dispose().catch(() => undefined);
  await ctx.receiver?.close();
  await ctx.pg?.stop();
});

const eventually = async (check: () => boolean, ms: number, what: string) => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};
const deliverers = (nodes: readonly ClusterTestApp[]) => nodes.filter((n) => n.platform.running().includes('webhooks'));

let partners = 0;
/** The subscription's own position: deliveries start after it. */
let subscribedAt = 0;
const apply = async (n: ClusterTestApp) => {
  const r = await n.post('/partners', {
    name: `Hooked ${++partners}`,
    website: `https://hooked${partners}.example`,
    country: 'DE',
    region: 'emea',
    type: 'reseller',
  });
  assert.is(r.status, 201, JSON.stringify(r.body));
};

/** Every position of the log after `after`, as auditors see it. */
const logPositions = async (n: ClusterTestApp, after: number) => {
  const out: number[] = [];
  for (let cursor = ''; ; ) {
    const page = await n.get(`/audit/events?after=${after}&limit=500${cursor}`);
    out.push(...list(page.body, 'items').map((e) => num(e, 'position')));
    const next = strOrNull(page.body, 'nextCursor');
    if (!next) return out;
    cursor = `&cursor=${next}`;
  }
};

/** Every position after `after` arrived, and the first arrivals of each are in log order. */
const allArrived = async (n: ClusterTestApp, receiver: Receiver, after: number) => {
  const expected = await logPositions(n, after);
  await receiver.until((got) => expected.every((p) => got.some((g) => g.event.position === p)));
  const firsts = receiver.positions().filter((p, i, all) => all.indexOf(p) === i);
  assert.equal(
    firsts,
    [...firsts].sort((a, b) => a - b),
    'first deliveries in log order',
  );
  return expected;
};

test('one node delivers; events from both nodes arrive in order, signed with the cluster key', async (ctx) => {
  await eventually(() => deliverers(ctx.nodes).length === 1, 5000, 'one webhooks holder');
  const [a, b] = ctx.nodes;
  const subscribed = await b.post('/webhooks', { url: ctx.receiver.url });
  assert.is(subscribed.status, 201, JSON.stringify(subscribed.body));
  subscribedAt = num(subscribed.body, 'position');
  for (let i = 0; i < 6; i++) await apply(i % 2 === 0 ? a : b);
  await allArrived(a, ctx.receiver, subscribedAt);
  const verifier = new Webhook(str(subscribed.body, 'secret'));
  for (const r of ctx.receiver.received) verifier.verify(r.body, r.headers as Record<string, string>);
  assert.is(deliverers(ctx.nodes).length, 1);
});

test('the delivering node goes: another takes the lease over and nothing is missing', async (ctx) => {
  const holder = deliverers(ctx.nodes)[0];
  assert.ok(holder, 'a node delivers');
  ctx.nodes.splice(ctx.nodes.indexOf(holder), 1);
  await holder.dispose();
  const [survivor] = ctx.nodes;
  await eventually(() => deliverers(ctx.nodes).length === 1, 10_000, 'the survivor delivers');
  for (let i = 0; i < 4; i++) await apply(survivor);
  await allArrived(survivor, ctx.receiver, subscribedAt);
});

test.run();
