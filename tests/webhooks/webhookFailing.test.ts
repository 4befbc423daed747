/**
 * A receiver that never recovers: retried with backoff until the (shortened) limit, then the
 * subscription is marked failing, with an event, and stops; enabled again, it resumes from the event
 * it gave up on. And the SSRF guard: private targets refused at subscription and at connect time.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createWebhookSender } from '../../commands/webhook/delivery/webhookSender.js';
import { isPrivateAddress } from '../../commands/webhook/targetGuard.js';
import { at, list, num, obj, str } from '../support/json.js';
import { must } from '../support/must.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import { startReceiver } from '../support/receiver.js';

const test = suite<{ t: TestApp; strict: TestApp }>('webhooks: giving up, SSRF guard');
test.before(async (ctx) => {
  ctx.t = await startTestApp({
    now: new Date().toISOString(),
    webhooks: {
      allowPrivate: true,
      timeoutMs: 1000,
      retry: { firstDelayMs: 20, factor: 2, maxDelayMs: 80, giveUpAfterMs: 400, jitter: 0 },
    },
  });
  ctx.strict = await startTestApp({ now: new Date().toISOString() });
});
test.after(async (ctx) => {
  await ctx.t.dispose();
  await ctx.strict.dispose();
});

const partner = { name: 'Failing Co', website: 'https://f.example', country: 'DE', region: 'emea', type: 'msp' };

test('after the retry limit the subscription is marked failing with an event, and resumes when enabled', async ({
  t,
}) => {
  const rec = await startReceiver(() => 503);
  try {
    const hookId = str((await t.post('/webhooks', { url: rec.url })).body, 'id');
    const appliedAt = num((await t.post('/partners', partner)).body, 'position');
    let view = await t.get(`/webhooks/${hookId}`);
    for (let i = 0; i < 200 && at(view.body, 'status') !== 'failing'; i++) {
      await new Promise((r) => setTimeout(r, 25));
      view = await t.get(`/webhooks/${hookId}`);
    }
    assert.is(str(view.body, 'status'), 'failing');
    assert.is(num(view.body, 'failedPosition'), appliedAt);
    assert.is(str(view.body, 'statusReason'), 'HTTP 503');
    const stream = await t.get(`/audit/streams/webhook-${hookId}`);
    const failing = list(stream.body, 'items').find((e) => str(e, 'type') === 'WebhookMarkedFailing');
    assert.ok(failing, 'WebhookMarkedFailing in the log');
    assert.is(num(obj(failing), 'data', 'position'), appliedAt);
    assert.is(str(failing, 'metadata', 'actor', 'kind'), 'system');
    const tries = rec.received.length;
    assert.ok(tries >= 3, `retried with backoff (${tries} attempts)`);
    await new Promise((r) => setTimeout(r, 200));
    assert.is(rec.received.length, tries, 'no attempt after giving up');
    // Fixed and enabled again: the event it gave up on comes first.
    rec.behave(() => 200);
    assert.is((await t.post(`/webhooks/${hookId}/enable`, {})).status, 200);
    await rec.until((got) => got.length > tries && (got[got.length - 1]?.event.position ?? 0) >= appliedAt);
    assert.is(must(rec.received[tries], 'the attempt after enabling').event.position, appliedAt);
    assert.is(str((await t.get(`/webhooks/${hookId}`)).body, 'status'), 'active');
    assert.is((await t.post(`/webhooks/${hookId}/enable`, {})).status, 409);
    assert.is((await t.post(`/webhooks/${hookId}/disable`, { reason: 'maintenance' })).status, 200);
    assert.is(str((await t.get(`/webhooks/${hookId}`)).body, 'status'), 'disabled');
  } finally {
    await rec.close();
  }
});

test('private, loopback and link-local targets are refused unless PRM_WEBHOOKS_ALLOW_PRIVATE', async ({ strict }) => {
  for (const url of [
    'https://127.0.0.1/hook',
    'https://localhost/hook',
    'https://[::1]/hook',
    'https://169.254.169.254/latest/meta-data',
    'https://10.1.2.3/hook',
    'https://192.168.0.10/hook',
    'https://[::ffff:127.0.0.1]/hook',
    'https://[fe80::1]/hook',
    'http://203.0.113.10/hook',
  ]) {
    const r = await strict.post('/webhooks', { url });
    assert.is(r.status, 400, `${url}: ${JSON.stringify(r.body)}`);
    assert.is(str(r.body, 'errors', 0, 'path'), 'url');
  }
  // Plain http is for development (with private targets allowed) only.
  assert.is((await strict.post('/webhooks', { url: 'http://receiver.invalid/hook' })).status, 400);
  // A name that does not resolve yet is accepted: delivery checks the addresses again each time.
  assert.is((await strict.post('/webhooks', { url: 'https://receiver.invalid/hook' })).status, 201);
});

test('address classification', () => {
  for (const a of [
    '127.0.0.1',
    '10.0.0.1',
    '172.16.5.4',
    '192.168.1.1',
    '169.254.1.1',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    '::',
    'fd00::1',
    'fe80::1',
    '::ffff:10.0.0.1',
    '224.0.0.1',
    'not an ip',
  ])
    assert.ok(isPrivateAddress(a), a);
  for (const a of ['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])
    assert.not.ok(isPrivateAddress(a), a);
});

test('at connect time too: a name resolving to loopback, and a loopback literal, never get a request', async () => {
  const rec = await startReceiver();
  const port = new URL(rec.url).port;
  const sender = createWebhookSender({ allowPrivate: false, timeoutMs: 1000 });
  try {
    const byName = await sender.post(`http://localhost:${port}/hook`, {}, '{}', new AbortController().signal);
    assert.not.ok(byName.ok);
    assert.match(byName.error ?? '', 'private, loopback or link-local');
    const literal = await sender.post(rec.url, {}, '{}', new AbortController().signal);
    assert.not.ok(literal.ok);
    assert.is(rec.received.length, 0);
  } finally {
    sender.close();
    await rec.close();
  }
});

test.run();
