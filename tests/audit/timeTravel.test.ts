/**
 * Time travel: any aggregate's state as of a log position or an instant, folded by the aggregate's own
 * evolve, over HTTP. The state "now" equals what the command side loads for its decisions.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createAggregateCache } from '../../commands/pipeline/aggregateCache.js';
import { createUnitOfWork } from '../../commands/pipeline/unitOfWork.js';
import { defaultChannelSettings } from '../../domain/channel/index.js';
import { partnerDecider } from '../../domain/partner/index.js';
import { personDecider } from '../../domain/person/index.js';
import { aggregateOfStream, replayableAggregates } from '../../read-api/audit/aggregateRegistry.js';
import { at, maybe, num, obj, str } from '../support/json.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

interface Step {
  position: number;
  at: string;
}
const test = suite<{ t: TestApp; partnerId: string; steps: Step[]; personId: string; person: Step[] }>('time travel');

test.before(async (ctx) => {
  const t = await startTestApp({ now: '2026-06-01T09:00:00.000Z' });
  ctx.t = t;
  const setHour = (hour: number) => {
    t.clock.set(`2026-06-01T${String(hour).padStart(2, '0')}:00:00.000Z`);
    return t.clock.now().toISOString();
  };
  const step = async (hour: number, url: string, body: unknown) => {
    const time = setHour(hour);
    const r = await t.post(url, body);
    assert.ok(r.status < 300, JSON.stringify(r.body));
    return { id: str(r.body, 'id'), step: { position: num(r.body, 'position'), at: time } };
  };
  const applied = await step(9, '/partners', {
    name: 'Acme',
    website: 'https://acme.example',
    country: 'DE',
    region: 'emea',
    type: 'reseller',
  });
  ctx.partnerId = applied.id;
  ctx.steps = [applied.step];
  ctx.steps.push((await step(10, `/partners/${applied.id}/approve`, { tier: 'silver' })).step);
  ctx.steps.push(
    (await step(11, `/partners/${applied.id}/agreements`, { agreementVersion: '2026.1', signedBy: 'Jane' })).step,
  );
  ctx.steps.push((await step(12, `/partners/${applied.id}/tier`, { tier: 'gold', reason: 'good year' })).step);
  ctx.steps.push((await step(13, `/partners/${applied.id}/suspend`, { reason: 'audit' })).step);
  const registered = await step(14, '/people', { name: 'Pat', email: 'Pat@Acme.example' });
  ctx.personId = registered.id;
  ctx.person = [registered.step];
  ctx.person.push((await step(15, `/partners/${applied.id}/reinstate`, {})).step);
  ctx.person.push(
    (await step(16, `/partners/${applied.id}/employees`, { personId: registered.id, role: 'sales' })).step,
  );
  ctx.person.push(
    (await step(17, `/partners/${applied.id}/employees/${registered.id}/leave`, { reason: 'moved on' })).step,
  );
});
test.after(async (ctx) => ctx.t?.dispose());

const stateOf = async (t: TestApp, streamId: string, asOf?: string | number) => {
  const query = asOf === undefined ? '' : `?asOf=${encodeURIComponent(String(asOf))}`;
  const r = await t.get(`/audit/streams/${encodeURIComponent(streamId)}/state${query}`);
  assert.is(r.status, 200, JSON.stringify(r.body));
  return r;
};

test('a partner as of each position of its history', async ({ t, partnerId, steps }) => {
  const expected = [
    ['applied', undefined, 1],
    ['approved', 'silver', 2],
    ['active', 'silver', 4],
    ['active', 'gold', 5],
    ['suspended', 'gold', 6],
  ] as const;
  for (const [i, [status, tier, version]] of expected.entries()) {
    const r = await stateOf(t, `partner-${partnerId}`, steps[i].position);
    assert.equal(
      [at(r.body, 'state', 'status'), at(r.body, 'state', 'tier'), at(r.body, 'version')],
      [status, tier, version],
      `as of position ${steps[i].position}`,
    );
    assert.is(at(r.body, 'position'), steps[i].position);
    assert.is(r.headers.etag, `"${version}"`);
    assert.is(at(r.body, 'aggregate'), 'partner');
    assert.is(at(r.body, 'currentVersion'), 7);
  }
});

test('as of an instant: the events recorded until then, the boundary included', async ({ t, partnerId }) => {
  const stateAt = async (instant: string) => (await stateOf(t, `partner-${partnerId}`, instant)).body;
  assert.is(at(await stateAt('2026-06-01T10:30:00Z'), 'state', 'status'), 'approved');
  assert.is(at(await stateAt('2026-06-01T10:00:00.000Z'), 'state', 'status'), 'approved');
  assert.is(at(await stateAt('2026-06-01T09:59:59.999Z'), 'state', 'status'), 'applied');
  assert.equal(at(await stateAt('2026-06-01T12:00:00Z'), 'state', 'agreementVersions'), ['2026.1']);
  const before = obj(await stateAt('2026-06-01T08:00:00Z'));
  assert.equal(
    [before.version, before.position, before.recordedAt, at(before.state, 'status')],
    [0, null, null, 'none'],
  );
  assert.equal(before.asOf, { instant: '2026-06-01T08:00:00.000Z' });
});

test('the current state is exactly what the command side loads for its decisions', async ({
  t,
  partnerId,
  personId,
}) => {
  const uow = createUnitOfWork(t.platform.store, createAggregateCache(), t.clock.now());
  for (const [streamId, decider] of [
    [`partner-${partnerId}`, partnerDecider],
    [`person-${personId}`, personDecider],
  ] as const) {
    const live = await uow.load(decider as typeof partnerDecider, streamId);
    const replayed = obj((await stateOf(t, streamId)).body);
    assert.equal(replayed.state, JSON.parse(JSON.stringify(live.state)), streamId);
    assert.is(replayed.version, live.version);
    assert.is(replayed.asOf, null);
  }
});

test('a person: employment appears and disappears; the email is canonical', async ({ t, personId, person }) => {
  const stream = `person-${personId}`;
  const [registered, , joined, left] = person;
  assert.equal(at((await stateOf(t, stream, registered.position)).body, 'state', 'email'), 'pat@acme.example');
  assert.is(at((await stateOf(t, stream, registered.position)).body, 'state', 'employment'), undefined);
  assert.is(at((await stateOf(t, stream, joined.position)).body, 'state', 'employment', 'role'), 'sales');
  assert.is(at((await stateOf(t, stream, left.position - 1)).body, 'state', 'employment', 'role'), 'sales');
  assert.is(at((await stateOf(t, stream, left.position)).body, 'state', 'employment'), undefined);
  const reservation = await stateOf(t, 'email-pat@acme.example');
  assert.equal(
    [at(reservation.body, 'aggregate'), at(reservation.body, 'state', 'reservedBy')],
    ['email-reservation', personId],
  );
});

test('channel settings: defaults before the first change, each change after it', async ({ t }) => {
  t.clock.set('2026-06-02T09:00:00.000Z');
  const first = await t.put('/channel/settings', { dealProtectionDays: 60 });
  t.clock.set('2026-06-03T09:00:00.000Z');
  await t.put('/channel/settings', { dealProtectionDays: 30, desiredPartnerCount: 12 });
  const settingsAt = async (asOf: string) => at((await stateOf(t, 'channel-settings', asOf)).body, 'state');
  assert.equal(await settingsAt('2026-06-01T00:00:00Z'), JSON.parse(JSON.stringify(defaultChannelSettings)));
  assert.is(at(await settingsAt(String(at(first.body, 'position'))), 'dealProtectionDays'), 60);
  assert.is(
    at(await settingsAt('2026-06-02T23:00:00Z'), 'desiredPartnerCount'),
    defaultChannelSettings.desiredPartnerCount,
  );
  assert.equal(
    [
      at(await settingsAt('2026-06-04T00:00:00Z'), 'dealProtectionDays'),
      at(await settingsAt('2026-06-04T00:00:00Z'), 'desiredPartnerCount'),
    ],
    [30, 12],
  );
});

test('unknown streams are 404, streams no aggregate owns and bad points in time are 400', async ({ t }) => {
  assert.is((await t.get('/audit/streams/partner-ptr_doesNotExist1/state')).status, 404);
  const orphan = await t.get('/audit/streams/widget-w_1/state');
  assert.equal([orphan.status, at(orphan.body, 'errors', 0, 'path')], [400, 'streamId']);
  for (const bad of ['yesterday', '-1', '2026-02-30T00:00:00Z', '1.5']) {
    const r = await t.get(`/audit/streams/channel-settings/state?asOf=${bad}`);
    assert.equal([r.status, maybe(at(r.body, 'errors'), 0, 'path')], [400, 'query.asOf'], bad);
  }
  assert.is((await t.get('/audit/streams/Not%20a%20stream/state')).status, 400);
});

test('every registered aggregate has a distinct prefix, and the longest prefix wins', () => {
  const prefixes = replayableAggregates.map((a) => a.streamPrefix);
  assert.is(new Set(prefixes).size, prefixes.length);
  assert.is(aggregateOfStream('partner-ptr_x')?.name, 'partner');
  assert.is(aggregateOfStream('channel-settings')?.name, 'channel-settings');
  assert.is(aggregateOfStream('partnership-x'), undefined);
});

test.run();
