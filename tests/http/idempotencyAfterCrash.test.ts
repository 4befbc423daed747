import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { at, str } from '../support/json.js';
import { activePartner, employee, expectStatus, partnerBody, quiescent } from './fixtures.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

/**
 * A crash can fall between a command's append and the record of its response. The retry with the
 * same Idempotency-Key must still answer the original result and append nothing: the command id is
 * derived from the key, new ids from the command id, and the pipeline recognises its own events in
 * the log and decides again against the state and instant it first saw.
 */
const test = suite<{ t: TestApp }>('Idempotency-Key across a lost response record');
test.before.each(async (ctx) => {
  ctx.t = await startTestApp();
});
test.after.each(async (ctx) => ctx.t?.dispose());

/** What a crash right after the append leaves behind: the events, but no stored response and a cold cache. */
const loseResponseRecords = async (t: TestApp) => {
  await t.platform.writeDb.transaction((tx) => tx.run('DELETE FROM idempotency_keys'));
  const streams = await t.platform.reader.all<{ stream_id: string }>('SELECT DISTINCT stream_id FROM events');
  for (const { stream_id } of streams) t.platform.pipeline.cache.delete(stream_id);
};

const retried = async (t: TestApp, send: () => ReturnType<TestApp['post']>, status: number) => {
  const first = expectStatus(await send(), status);
  const head = await quiescent(t);
  await loseResponseRecords(t);
  const again = expectStatus(await send(), status);
  assert.equal(again.body, first.body, 'the retry answers the original result');
  assert.is(await t.eventCount(), head, 'the retry appended nothing');
  return first;
};

test('a create: the retry names the same partner, and there is still one', async ({ t }) => {
  const key = { 'idempotency-key': 'apply-acme-1' };
  const first = await retried(t, () => t.post('/partners', partnerBody(), undefined, key), 201);
  const listed = at(expectStatus(await t.get('/partners'), 200).body, 'items') as { id: string }[];
  assert.equal(
    listed.map((p) => p.id),
    [at(first.body, 'id')],
  );
});

test('a change the stream has moved past since: the retry still answers what it did then', async ({ t }) => {
  const partner = str(expectStatus(await t.post('/partners', partnerBody()), 201).body, 'id');
  const key = { 'idempotency-key': 'approve-1' };
  const first = expectStatus(await t.post(`/partners/${partner}/approve`, { tier: 'silver' }, undefined, key), 200);
  expectStatus(await t.post(`/partners/${partner}/tier`, { tier: 'gold', reason: 'growth' }), 200);
  const head = await quiescent(t);
  await loseResponseRecords(t);
  t.clock.advance(86_400_000);
  const again = expectStatus(await t.post(`/partners/${partner}/approve`, { tier: 'silver' }, undefined, key), 200);
  assert.equal(again.body, first.body);
  assert.is(await t.eventCount(), head);
  assert.is(at(expectStatus(await t.get(`/partners/${partner}`), 200).body, 'tier'), 'gold');
});

test('a registration written to two streams (person and email reservation)', async ({ t }) => {
  const body = { name: 'Ann Admin', email: 'ann@acme.example' };
  await retried(t, () => t.post('/people', body, undefined, { 'idempotency-key': 'ann' }), 201);
  const people = await t.platform.reader.all('SELECT person_id FROM people');
  assert.is(people.length, 1);
});

test('a deal registration by a partner employee, decided again at its original instant', async ({ t }) => {
  const partner = await activePartner(t);
  const seller = await employee(t, partner, 'sales');
  const token = t.tokenFor(seller.id, 30 * 86_400);
  const closing = new Date(t.clock.now().getTime() + 2 * 86_400_000).toISOString().slice(0, 10);
  const body = {
    partnerId: partner,
    customer: { name: 'Customer Ltd', domain: 'customer.co.uk', country: 'GB' },
    productLine: 'storage',
    estimatedValue: { amountMinor: 500_000, currency: 'EUR' },
    expectedCloseDate: closing,
  };
  const key = { 'idempotency-key': 'deal-1' };
  const first = expectStatus(await t.post('/deals', body, token, key), 201);
  const head = await quiescent(t);
  await loseResponseRecords(t);
  // Three days later the close date is in the past: only the original instant makes the retry valid.
  t.clock.advance(3 * 86_400_000);
  const again = expectStatus(await t.post('/deals', body, token, key), 201);
  assert.equal(again.body, first.body);
  assert.is(await t.eventCount(), head);
});

test('without a key, a retry is a new command (the control case)', async ({ t }) => {
  expectStatus(await t.post('/partners', partnerBody()), 201);
  expectStatus(await t.post('/partners', partnerBody()), 201);
  assert.is((at(expectStatus(await t.get('/partners'), 200).body, 'items') as unknown[]).length, 2);
});

test.run();
