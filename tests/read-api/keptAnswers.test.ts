/**
 * Whole answers kept until the next commit: a directory page asked again is the same bytes, a command's
 * change shows in the next page (read-your-writes), a certification expiring with no event changes the
 * page at its instant, each caller keeps their own pages, and an answer read across two versions or
 * larger than the budget is not kept.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as E from 'fp-ts/lib/Either.js';
import type { SqlDb } from '../../infra/sql/sqlDb.js';
import { keptAnswers } from '../../read-api/keptAnswers.js';
import { at, list, str } from '../support/json.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import { activePartner, defineProgram, employee, expectStatus, quiescent, vendorStaff } from '../http/fixtures.js';

const test = suite<{ t: TestApp }>('keptAnswers');
test.before.each(async (ctx) => {
  ctx.t = await startTestApp();
});
test.after.each(async ({ t }) => t.dispose());

const page = async (t: TestApp, url: string, token?: string) => expectStatus(await t.get(url, token), 200);
const names = (body: unknown) => list(body, 'items').map((p) => str(at(p, 'name')));

test('a page asked again answers the same bytes; a command changes it at once', async ({ t }) => {
  await activePartner(t, { name: 'Acme' });
  const first = await page(t, '/partners?limit=50');
  const again = await page(t, '/partners?limit=50');
  assert.equal(again.body, first.body);
  assert.is(again.headers['content-type'], 'application/json; charset=utf-8');
  await activePartner(t, { name: 'Borealis' });
  assert.equal(names((await page(t, '/partners?limit=50')).body).sort(), ['Acme', 'Borealis']);
});

test('readiness turns with the time: a page kept before an expiry is not served after it', async ({ t }) => {
  const program = await defineProgram(t, 'storage', 30);
  const partnerId = await activePartner(t);
  expectStatus(await t.put('/channel/settings', { minCertifiedForReady: 1 }), 200);
  const { id } = await employee(t, partnerId);
  expectStatus(await t.post(`/people/${id}/certifications`, { programId: program }), 200);
  await quiescent(t);
  const readiness = async () =>
    at(list((await page(t, '/partners?limit=50')).body, 'items')[0], 'readiness', 'storage');
  assert.equal(await readiness(), { certified: 1, ready: true });
  t.clock.advance(29 * 86_400_000);
  assert.equal(await readiness(), { certified: 1, ready: true });
  t.clock.advance(2 * 86_400_000);
  assert.equal(await readiness(), { certified: 0, ready: false });
});

test('each caller keeps their own pages: a regional manager never sees the admin page kept before', async ({ t }) => {
  await activePartner(t, { name: 'North', region: 'emea' });
  await activePartner(t, { name: 'South', region: 'latam' });
  const manager = await vendorStaff(t, 'channel_manager', ['latam']);
  assert.equal(names((await page(t, '/partners?limit=50')).body).sort(), ['North', 'South']);
  assert.equal(names((await page(t, '/partners?limit=50', manager.token)).body), ['South']);
  assert.equal(names((await page(t, '/partners?limit=50')).body).sort(), ['North', 'South']);
});

test('a partner asked again answers the same bytes and ETag; a command changes both at once', async ({ t }) => {
  const partnerId = await activePartner(t, { name: 'Acme' });
  const first = await page(t, `/partners/${partnerId}`);
  const again = await page(t, `/partners/${partnerId}`);
  assert.equal(again.body, first.body);
  assert.is(again.headers.etag, first.headers.etag);
  expectStatus(await t.post(`/partners/${partnerId}/tier`, { tier: 'gold', reason: 'growth' }), 200);
  const changed = await page(t, `/partners/${partnerId}`);
  assert.is(at(changed.body, 'tier'), 'gold');
  assert.is.not(changed.headers.etag, first.headers.etag);
});

test("a running plan's progress moves with the clock and no event, as the plans themselves say", async ({ t }) => {
  const partnerId = await activePartner(t);
  const objectives = [{ kind: 'deals_registered', target: 4 }];
  expectStatus(await t.post(`/partners/${partnerId}/plans`, { period: '2026-Q2', objectives }), 201);
  expectStatus(await t.post(`/partners/${partnerId}/plans`, { period: '2026-Q3', objectives }), 201);
  await quiescent(t);
  const seen = new Set<string>();
  // 09:00 on 1 June: Q2 running, Q3 upcoming; steps across hundredths of Q2, its end and Q3's start.
  for (const step of [0, 60_000, 13 * 60_000, 86_400_000, 29 * 86_400_000, 86_400_000]) {
    t.clock.advance(step);
    const plans = at((await page(t, `/partners/${partnerId}`)).body, 'plans');
    const listed = list((await page(t, `/partners/${partnerId}/plans?limit=50`)).body, 'items');
    assert.equal(plans, listed, `${step} ms on`);
    seen.add(JSON.stringify(list(plans).map((p) => [at(p, 'status'), at(p, 'elapsedPct')])));
  }
  assert.ok(seen.size >= 5, `progress moved with the clock: ${[...seen].join(' ')}`);
});

/** A reader whose version the test moves, counting how often the work is computed. */
const fakeReader = () => {
  let version = 1;
  const db = { changeCounter: () => version } as unknown as SqlDb;
  return { db, commit: () => void version++ };
};
const computing = (body: unknown, holdsUntil?: number) => {
  let runs = 0;
  const work = async () => {
    runs++;
    return E.right({ answer: { body }, ...(holdsUntil === undefined ? {} : { holdsUntil }) });
  };
  return { work, runs: () => runs };
};

test('kept until the version changes or the instant it holds until, from the instant it was computed', async () => {
  const keep = keptAnswers(1024);
  const { db, commit } = fakeReader();
  const c = computing({ n: 1 }, 100);
  const first = await keep(db, 'k', new Date(0), c.work);
  assert.ok(E.isRight(first) && 'json' in first.right);
  assert.is(first.right.json.toString(), '{"n":1}');
  await keep(db, 'k', new Date(99), c.work);
  assert.is(c.runs(), 1);
  await keep(db, 'k', new Date(100), c.work);
  assert.is(c.runs(), 2);
  commit();
  await keep(db, 'k', new Date(0), c.work);
  assert.is(c.runs(), 3);
  await keep(db, 'k', new Date(50), c.work);
  assert.is(c.runs(), 3);
  const later = computing({ n: 2 }, 100);
  await keep(db, 'b', new Date(50), later.work);
  await keep(db, 'b', new Date(40), later.work);
  assert.is(later.runs(), 2, 'a clock set back to before the answer computes afresh');
});

test('not kept when computed across two versions, nor beyond the budget, nor with a budget of 0', async () => {
  const { db, commit } = fakeReader();
  const mixed = keptAnswers(1024);
  const across = async () => {
    commit();
    return E.right({ answer: { body: { n: 1 } } });
  };
  await mixed(db, 'k', new Date(0), across);
  const steady = computing({ n: 2 });
  await mixed(db, 'k', new Date(0), steady.work);
  assert.is(steady.runs(), 1, 'the answer read across two versions was not kept');
  const small = keptAnswers(12);
  const big = computing({ text: 'more than twelve' });
  await small(db, 'k', new Date(0), big.work);
  await small(db, 'k', new Date(0), big.work);
  assert.is(big.runs(), 2);
  const one = computing({ n: 1 });
  await small(db, 'a', new Date(0), one.work);
  await small(db, 'b', new Date(0), computing({ n: 2 }).work);
  await small(db, 'a', new Date(0), one.work);
  assert.is(one.runs(), 2, 'the oldest was let go to keep b within 12 bytes');
  const none = keptAnswers(0);
  const c = computing({ n: 1 });
  await none(db, 'k', new Date(0), c.work);
  await none(db, 'k', new Date(0), c.work);
  assert.is(c.runs(), 2);
});

test.run();
