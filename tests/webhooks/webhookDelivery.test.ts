/**
 * Webhooks against real receivers (node:http servers on loopback, private targets allowed): Standard
 * Webhooks signatures checked by the independent `standardwebhooks` package, log order per subscription
 * under concurrent commands, retries until a failing receiver recovers, receivers that redirect, refuse,
 * reset or hang holding up nobody else, type filters, replay, rotation.
 */
import { Webhook } from 'standardwebhooks';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { at, list, maybe, num, str, strOrNull } from '../support/json.js';
import { must } from '../support/must.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import { startBlackhole, startReceiver, type Receiver } from '../support/receiver.js';

const fast = { firstDelayMs: 30, factor: 2, maxDelayMs: 200, giveUpAfterMs: 600_000, jitter: 0.2 };
const test = suite<{ t: TestApp; receivers: { close: () => Promise<void> }[] }>('webhook delivery');
test.before(async (ctx) => {
  ctx.t = await startTestApp({
    now: new Date().toISOString(),
    webhooks: { allowPrivate: true, timeoutMs: 1500, retry: fast },
  });
  ctx.receivers = [];
});
test.after(async (ctx) => {
  await ctx.t.dispose();
  for (const r of ctx.receivers) await r.close();
});

let n = 0;
const partnerBody = () => ({
  name: `Partner ${++n}`,
  website: `https://p${n}.example`,
  country: 'DE',
  region: 'emea',
  type: 'reseller',
});
const receiver = async (
  ctx: { receivers: { close: () => Promise<void> }[] },
  behave?: Parameters<typeof startReceiver>[0],
) => {
  const r = await startReceiver(behave);
  ctx.receivers.push(r);
  return r;
};
const subscribe = async (t: TestApp, url: string, extra: Record<string, unknown> = {}) => {
  const r = await t.post('/webhooks', { url, ...extra });
  assert.is(r.status, 201, JSON.stringify(r.body));
  return { id: str(r.body, 'id'), secret: str(r.body, 'secret'), position: num(r.body, 'position') };
};
/** Positions of the log after `after`, as auditors see it. */
const logPositions = async (t: TestApp, after: number, type?: string) => {
  const out: number[] = [];
  let cursor = '';
  for (;;) {
    const r = await t.get(`/audit/events?after=${after}&limit=500${type ? `&type=${type}` : ''}${cursor}`);
    out.push(...list(r.body, 'items').map((e) => num(e, 'position')));
    const next = strOrNull(r.body, 'nextCursor');
    if (!next) return out;
    cursor = `&cursor=${next}`;
  }
};
/** The request that carried the event at `position`. */
const deliveryOf = (rec: Receiver, position: number) => {
  const found = rec.received.find((g) => g.event.position === position);
  if (!found) throw new Error(`no delivery of position ${position}`);
  return found;
};
const distinctInOrder = (positions: readonly number[]) => positions.filter((p, i) => i === 0 || p !== positions[i - 1]);
const allDelivered = async (t: TestApp, rec: Receiver, after: number) => {
  const head = await t.eventCount();
  await rec.until((got) => got.some((g) => g.event.position >= head));
  return logPositions(t, after);
};

test('a delivery is the event as GET /audit/events shows it, signed per Standard Webhooks', async (ctx) => {
  const { t } = ctx;
  const rec = await receiver(ctx);
  const hook = await subscribe(t, rec.url);
  assert.match(hook.secret, /^whsec_[A-Za-z0-9+/]{43}=$/);
  const position = num((await t.post('/partners', partnerBody())).body, 'position');
  await rec.until((got) => got.some((g) => g.event.position === position));
  const got = deliveryOf(rec, position);
  // The independent verifier: throws on a wrong signature, id, timestamp or body.
  const verified = new Webhook(hook.secret).verify(got.body, got.headers as Record<string, string>);
  assert.is((verified as { type: string }).type, 'PartnerApplied');
  assert.throws(() =>
    new Webhook(hook.secret).verify(got.body.replace('Partner', 'Pxrtner'), got.headers as Record<string, string>),
  );
  const audit = await t.get(`/audit/events?after=${position - 1}&limit=1`);
  assert.equal(JSON.parse(got.body), at(audit.body, 'items', 0));
  assert.is(got.headers['webhook-id'], str(audit.body, 'items', 0, 'eventId'));
  assert.is(got.headers['content-type'], 'application/json');
});

test('order per subscription holds under concurrent commands, for every subscription', async (ctx) => {
  const { t } = ctx;
  const [a, b] = [await receiver(ctx), await receiver(ctx)];
  const hookA = await subscribe(t, a.url);
  const hookB = await subscribe(t, b.url);
  const answers = await Promise.all(Array.from({ length: 60 }, () => t.post('/partners', partnerBody())));
  assert.ok(answers.every((r) => r.status === 201));
  const expectedA = await allDelivered(t, a, hookA.position);
  const expectedB = await allDelivered(t, b, hookB.position);
  // Every receiver answered 2xx at once: each event exactly once, in log order.
  assert.equal(a.positions(), expectedA);
  assert.equal(b.positions(), expectedB);
});

test('a receiver failing 5 times then recovering gets every event at least once, in order', async (ctx) => {
  const { t } = ctx;
  const rec = await receiver(ctx, (i) => (i < 5 ? 500 : 200));
  const hook = await subscribe(t, rec.url);
  for (let i = 0; i < 5; i++) await t.post('/partners', partnerBody());
  const expected = await allDelivered(t, rec, hook.position);
  const positions = rec.positions();
  assert.equal(distinctInOrder(positions), expected, 'every event, none skipped, in log order');
  assert.is(positions.length, expected.length + 5, 'the first event five more times');
  const deliveries = await t.get(`/webhooks/${hook.id}/deliveries?limit=500`);
  const attempts = [...list(deliveries.body, 'items')].reverse();
  assert.equal(
    attempts.slice(0, 6).map((a) => [num(a, 'attempt'), at(a, 'statusCode')]),
    [
      [1, 500],
      [2, 500],
      [3, 500],
      [4, 500],
      [5, 500],
      [6, 200],
    ],
  );
  assert.ok(attempts.slice(0, 5).every((a) => strOrNull(a, 'nextRetryAt') !== null));
  assert.is(strOrNull(attempts, 5, 'nextRetryAt'), null);
  const view = await t.get(`/webhooks/${hook.id}`);
  assert.is(str(view.body, 'status'), 'active');
  assert.is(at(view.body, 'retryingPosition'), null);
});

test('receivers that redirect, refuse, reset, hang or blackhole hold up no other subscription', async (ctx) => {
  const { t } = ctx;
  const blackhole = await startBlackhole();
  ctx.receivers.push(blackhole);
  const bad = [
    await receiver(ctx, () => 302),
    await receiver(ctx, () => 404),
    await receiver(ctx, () => 'reset'),
    await receiver(ctx, () => 'hang'),
  ];
  const good = await receiver(ctx);
  const hooks = [];
  for (const r of [...bad, blackhole]) hooks.push(await subscribe(t, r.url));
  const goodHook = await subscribe(t, good.url);
  const answers = await Promise.all(Array.from({ length: 30 }, () => t.post('/partners', partnerBody())));
  assert.ok(
    answers.every((r) => r.status === 201),
    'every command answered',
  );
  const expected = await allDelivered(t, good, goodHook.position);
  assert.equal(good.positions(), expected);
  // The hanging receivers' first attempt is still waiting for its 1.5 s timeout or was just cut by it.
  for (const hook of hooks) {
    const view = await t.get(`/webhooks/${hook.id}`);
    assert.is(str(view.body, 'status'), 'active');
    const last = must(expected[expected.length - 1], 'the last position');
    assert.ok(num(view.body, 'deliveredThrough') < last, 'the failing ones are behind');
  }
  const redirected = await t.get(`/webhooks/${must(hooks[0], 'the redirecting hook').id}/deliveries`);
  assert.is(at(redirected.body, 'items', 0, 'statusCode'), 302);
  assert.is(at(redirected.body, 'items', 0, 'error'), 'redirect not followed');
  await must(bad[3], 'the hanging receiver').until(() => true);
  const reset = await t.get(`/webhooks/${must(hooks[2], 'the resetting hook').id}/deliveries`);
  const resetAttempts = list(reset.body, 'items');
  assert.ok(resetAttempts.length > 0 && resetAttempts.every((a) => at(a, 'statusCode') === null));
});

test('an event type filter delivers only those types; replay delivers again from a position', async (ctx) => {
  const { t } = ctx;
  const rec = await receiver(ctx);
  const hook = await subscribe(t, rec.url, { eventTypes: ['PartnerApproved'] });
  const first = await t.post('/partners', partnerBody());
  await t.post(`/partners/${str(first.body, 'id')}/approve`, { tier: 'gold' });
  const second = await t.post('/partners', partnerBody());
  const approved = await t.post(`/partners/${str(second.body, 'id')}/approve`, { tier: 'silver' });
  const approvedAt = num(approved.body, 'position');
  await rec.until((got) => got.some((g) => g.event.position === approvedAt));
  assert.equal(rec.positions(), await logPositions(t, hook.position, 'PartnerApproved'));
  assert.ok(rec.received.every((g) => g.event.type === 'PartnerApproved'));
  const before = rec.received.length;
  const replay = await t.post(`/webhooks/${hook.id}/replay`, { fromPosition: 1 });
  assert.is(replay.status, 200);
  const all = await logPositions(t, 0, 'PartnerApproved');
  await rec.until((got) => got.length >= before + all.length);
  assert.equal(rec.positions().slice(before), all, 'every PartnerApproved of the log, from position 1, in order');
  const beyond = await t.post(`/webhooks/${hook.id}/replay`, { fromPosition: 10_000_000 });
  assert.is(beyond.status, 400);
  assert.is(str(beyond.body, 'errors', 0, 'path'), 'fromPosition');
  const unknownType = await t.post('/webhooks', { url: rec.url, eventTypes: ['PartnerAproved'] });
  assert.is(unknownType.status, 400);
  assert.is(str(unknownType.body, 'errors', 0, 'path'), 'eventTypes[0]');
  const control = await t.post('/webhooks', { url: rec.url, description: 'CRM\u0000sync' });
  assert.equal([control.status, str(control.body, 'errors', 0, 'path')], [400, 'description']);
});

test('rotating the secret: the new one signs at once, the old one too during the grace period', async (ctx) => {
  const { t } = ctx;
  const rec = await receiver(ctx);
  const hook = await subscribe(t, rec.url);
  const rotated = await t.post(`/webhooks/${hook.id}/rotate-secret`, { previousSecretValidForSeconds: 3600 });
  assert.is(rotated.status, 200);
  const rotatedSecret = str(rotated.body, 'secret');
  assert.ok(rotatedSecret !== hook.secret);
  const position = num((await t.post('/partners', partnerBody())).body, 'position');
  await rec.until((got) => got.some((g) => g.event.position === position));
  const got = deliveryOf(rec, position);
  assert.is(String(got.headers['webhook-signature']).split(' ').length, 2);
  new Webhook(rotatedSecret).verify(got.body, got.headers as Record<string, string>);
  new Webhook(hook.secret).verify(got.body, got.headers as Record<string, string>);
  const again = await t.post(`/webhooks/${hook.id}/rotate-secret`, { previousSecretValidForSeconds: 0 });
  const laterAt = num((await t.post('/partners', partnerBody())).body, 'position');
  await rec.until((g) => g.some((x) => x.event.position === laterAt));
  const last = deliveryOf(rec, laterAt);
  new Webhook(str(again.body, 'secret')).verify(last.body, last.headers as Record<string, string>);
  assert.throws(() => new Webhook(rotatedSecret).verify(last.body, last.headers as Record<string, string>));
});

test('no secret is ever in the log, the webhook views or the deliveries', async ({ t }) => {
  const events = await t.get('/audit/events?limit=500');
  assert.not.match(JSON.stringify(events.body), 'whsec_');
  const hooks = await t.get('/webhooks?limit=500');
  assert.ok(list(hooks.body, 'items').length >= 8);
  assert.not.match(JSON.stringify(hooks.body), 'whsec_');
});

test('a retry with the same Idempotency-Key answers the subscription without its secret', async ({ t }) => {
  const headers = { 'idempotency-key': `subscribe-${Date.now()}` };
  const first = await t.post('/webhooks', { url: 'https://receiver.invalid/once' }, undefined, headers);
  const retried = await t.post('/webhooks', { url: 'https://receiver.invalid/once' }, undefined, headers);
  assert.equal([first.status, retried.status, retried.headers['idempotent-replayed']], [201, 201, 'true']);
  assert.match(str(first.body, 'secret'), /^whsec_/);
  assert.is(str(retried.body, 'id'), str(first.body, 'id'));
  assert.is(maybe(retried.body, 'secret'), undefined, 'the secret is shown once, never stored');
});

test.run();
