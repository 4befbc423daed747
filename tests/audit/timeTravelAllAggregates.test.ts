/**
 * Every stream in a log that exercises every capability (partners, people, programs, channel settings,
 * deals and their customer claims, MDF funds, points ledgers, content) is owned by a registered
 * aggregate, and its state "now" is the command side's own fold of it.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createAggregateCache } from '../../commands/pipeline/aggregateCache.js';
import { createUnitOfWork } from '../../commands/pipeline/unitOfWork.js';
import { aggregateOfStream } from '../../read-api/audit/aggregateRegistry.js';
import { dealBody, dealWorld, registerDeal } from '../http/dealsFixtures.js';
import { expectStatus } from '../http/fixtures.js';
import { allocateFund, eur, submitRequest } from '../http/mdfFixtures.js';
import { publish } from '../http/contentFixtures.js';
import { at, num, obj } from '../support/json.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

const test = suite<{ t: TestApp; dealId: string; registeredAt: number }>('time travel across every aggregate');
test.before(async (ctx) => {
  const t = await startTestApp({ now: '2026-06-01T09:00:00.000Z' });
  ctx.t = t;
  const w = await dealWorld(t);
  ctx.dealId = await registerDeal(t, w.seller.token, dealBody(w.emea));
  ctx.registeredAt = await t.eventCount();
  expectStatus(await t.post(`/deals/${ctx.dealId}/approve`, {}, w.emeaManager.token), 200);
  expectStatus(
    await t.post(`/deals/${ctx.dealId}/won`, { amount: eur(4_900_000), closedAt: '2026-06-01' }, w.seller.token),
    200,
  );
  const fund = await allocateFund(t, w.emea, { expiresAt: '2026-12-31T00:00:00Z', period: '2026-Q3' });
  await submitRequest(t, fund, w.admin.token, { activityDate: '2026-08-10' });
  expectStatus(await t.post(`/partners/${w.emea}/points/adjustments`, { points: 50, reason: 'welcome bonus' }), 200);
  await publish(t, { tiers: ['silver'] });
  await t.put('/channel/settings', { dealProtectionDays: 45 });
});
test.after(async (ctx) => ctx.t?.dispose());

test('every stream replays through its aggregate, to the state the command side loads', async ({ t }) => {
  const streams = await t.platform.reader.all<{ stream_id: string; v: number }>(
    'SELECT stream_id, MAX(version) AS v FROM events GROUP BY stream_id',
  );
  const prefixes = new Set(streams.map((s) => s.stream_id.replace(/-.*$/, '-')));
  for (const prefix of [
    'partner-',
    'person-',
    'email-',
    'deal-',
    'claim-',
    'mdf-',
    'fund-',
    'points-',
    'content-',
    'channel-',
  ]) {
    assert.ok(prefixes.has(prefix), `the log has ${prefix} streams: ${[...prefixes].join(' ')}`);
  }
  const uow = createUnitOfWork(t.platform.store, createAggregateCache(), t.clock.now());
  for (const { stream_id: streamId, v } of streams) {
    const aggregate = aggregateOfStream(streamId);
    assert.ok(aggregate, `an aggregate owns ${streamId}`);
    const r = await t.get(`/audit/streams/${encodeURIComponent(streamId)}/state`);
    assert.is(r.status, 200, `${streamId}: ${JSON.stringify(r.body)}`);
    assert.equal(
      [at(r.body, 'aggregate'), at(r.body, 'version'), at(r.body, 'currentVersion')],
      [aggregate.name, v, v],
      streamId,
    );
    const live = await uow.load(aggregate, streamId);
    assert.equal(at(r.body, 'state'), JSON.parse(JSON.stringify(live.state)), streamId);
  }
});

test('a deal as of its registration, and now', async ({ t, dealId, registeredAt }) => {
  const then = obj((await t.get(`/audit/streams/deal-${dealId}/state?asOf=${registeredAt}`)).body);
  const now = obj((await t.get(`/audit/streams/deal-${dealId}/state`)).body);
  assert.equal([then.aggregate, then.version, at(then.state, 'status')], ['deal', 1, 'submitted']);
  assert.is(at(now.state, 'status'), 'won');
  assert.ok(num(now.version) > num(then.version));
});

test.run();
