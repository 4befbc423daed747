/**
 * Optimistic concurrency and safe retries (DESIGN §6, §10): ETag and If-Match (412 and nothing
 * appended when the stream moved on), Idempotency-Key (a retry replays the first answer and appends
 * nothing; the key with another request is 422), concurrent conflicting commands never both succeed,
 * and the request's identity lands in every event's metadata.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { StoredEvent } from '../../eventstore/port.js';
import { at, list, num, str } from '../support/json.js';
import { must } from '../support/must.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import {
  activePartner,
  applyPartner,
  employee,
  expectProblem,
  expectStatus,
  partnerBody,
  refused,
  registerPerson,
  vendorStaff,
} from './fixtures.js';

const test = suite<{ t: TestApp }>('HTTP: versions and idempotency');
test.before.each(async (ctx) => {
  ctx.t = await startTestApp();
});
test.after.each(async (ctx) => ctx.t?.dispose());

const key = (k: string) => ({ 'idempotency-key': k });
const streamEvents = async (t: TestApp, streamId: string) => {
  const events: StoredEvent[] = [];
  for await (const e of t.platform.store.readStream(streamId)) events.push(e);
  return events;
};

test(
  'GET answers an ETag with the stream version; ' + 'a command with that If-Match applies and answers the next one',
  async ({ t }) => {
    const id = await applyPartner(t);
    const seen = expectStatus(await t.get(`/partners/${id}`), 200);
    assert.is(seen.headers.etag, '"1"');
    const done = expectStatus(
      await t.post(`/partners/${id}/approve`, { tier: 'gold' }, undefined, { 'if-match': seen.headers.etag as string }),
      200,
    );
    assert.equal([at(done.body, 'version'), done.headers.etag], [2, '"2"']);
    // Weak and bare forms name the same version.
    const tiers = ['platinum', 'silver', 'gold'];
    for (const [i, form] of ['W/"2"', '3', ' "4" '].entries()) {
      const r = expectStatus(
        await t.post(`/partners/${id}/tier`, { tier: tiers[i], reason: 'x' }, undefined, { 'if-match': form }),
        200,
      );
      assert.is(at(r.body, 'version'), 3 + i);
    }
  },
);

test('a stale If-Match is 412 version_mismatch naming both versions, and appends nothing', async ({ t }) => {
  const id = await activePartner(t);
  const stale = await refused(t, () =>
    t.post(`/partners/${id}/tier`, { tier: 'gold', reason: 'x' }, undefined, { 'if-match': '"2"' }),
  );
  expectProblem(stale, 412, 'version_mismatch');
  assert.match(str(stale.body, 'detail'), /version 4, not 2/);
  expectProblem(
    await refused(t, () =>
      t.post(`/partners/${id}/tier`, { tier: 'gold', reason: 'x' }, undefined, { 'if-match': '"5"' }),
    ),
    412,
    'version_mismatch',
  );
  expectStatus(
    await t.post(`/partners/${id}/tier`, { tier: 'gold', reason: 'x' }, undefined, { 'if-match': '"4"' }),
    200,
  );
});

test('If-Match guards person streams too: a stale view of a person is 412', async ({ t }) => {
  const partner = await activePartner(t);
  const person = await registerPerson(t);
  const view = expectStatus(await t.get(`/people/${person}`), 200);
  expectStatus(await t.post(`/people/${person}/vendor-roles`, { role: 'auditor' }), 200);
  await t.post(`/people/${person}/vendor-roles/auditor/revoke`, {});
  expectProblem(
    await refused(t, () =>
      t.post(`/partners/${partner}/employees`, { personId: person, role: 'sales' }, undefined, {
        'if-match': view.headers.etag as string,
      }),
    ),
    412,
    'version_mismatch',
  );
});

test('two writers with the same If-Match: exactly one wins, the other gets 412', async ({ t }) => {
  const id = await activePartner(t);
  const answers = await Promise.all(
    ['gold', 'platinum', 'registered'].map((tier) =>
      t.post(`/partners/${id}/tier`, { tier, reason: 'race' }, undefined, { 'if-match': '"4"' }),
    ),
  );
  assert.equal(answers.map((r) => r.status).sort(), [200, 412, 412]);
  assert.is(at(expectStatus(await t.get(`/partners/${id}`), 200).body, 'version'), 5);
});

test(
  'concurrent conflicting commands never both succeed: ' + 'one approval of an applicant, one employer per person',
  async ({ t }) => {
    const id = await applyPartner(t);
    const approvals = await Promise.all(
      ['silver', 'gold', 'platinum', 'registered', 'gold', 'silver'].map((tier) =>
        t.post(`/partners/${id}/approve`, { tier }),
      ),
    );
    assert.equal(approvals.map((r) => r.status).sort(), [200, 409, 409, 409, 409, 409]);
    assert.is((await streamEvents(t, `partner-${id}`)).filter((e) => e.type === 'PartnerApproved').length, 1);
    const partners = [await activePartner(t), await activePartner(t), await activePartner(t), await activePartner(t)];
    const person = await registerPerson(t);
    const joins = await Promise.all(
      partners.map((p) => t.post(`/partners/${p}/employees`, { personId: person, role: 'sales' })),
    );
    assert.equal(joins.map((r) => r.status).sort(), [200, 409, 409, 409]);
    const total = await Promise.all(
      partners.map(async (p) => num(expectStatus(await t.get(`/partners/${p}`), 200).body, 'employeeCount')),
    );
    assert.is(
      total.reduce((a, b) => a + b, 0),
      1,
    );
  },
);

test('an Idempotency-Key retry replays the first answer, marked idempotent-replayed, and appends nothing', async ({
  t,
}) => {
  const first = expectStatus(
    await t.post('/partners', partnerBody({ name: 'Once Only' }), undefined, key('apply-1')),
    201,
  );
  assert.is(first.headers['idempotent-replayed'], undefined);
  for (let i = 0; i < 3; i++) {
    const retry = expectStatus(
      await refused(t, () => t.post('/partners', partnerBody({ name: 'Once Only' }), undefined, key('apply-1'))),
      201,
    );
    assert.equal(retry.body, first.body);
    assert.is(retry.headers['idempotent-replayed'], 'true');
    assert.is(retry.headers.etag, first.headers.etag);
  }
  assert.is(list(expectStatus(await t.get('/partners?q=Once%20Only'), 200).body, 'items').length, 1);
});

test('the same key with another body, or on another route, is 422 idempotency_key_reused and appends nothing', async ({
  t,
}) => {
  const id = await applyPartner(t);
  expectStatus(await t.post(`/partners/${id}/approve`, { tier: 'gold' }, undefined, key('k-1')), 200);
  expectProblem(
    await refused(t, () => t.post(`/partners/${id}/approve`, { tier: 'silver' }, undefined, key('k-1'))),
    422,
    'idempotency_key_reused',
  );
  expectProblem(
    await refused(t, () => t.post(`/partners/${id}/region`, { region: 'apac' }, undefined, key('k-1'))),
    422,
    'idempotency_key_reused',
  );
  expectProblem(
    await refused(t, () => t.post('/partners', partnerBody(), undefined, key('k-1'))),
    422,
    'idempotency_key_reused',
  );
});

test('a refusal is replayed as well: the retry of a 409 is the same 409, even after the state changed', async ({
  t,
}) => {
  const id = await applyPartner(t);
  const refusal = expectStatus(
    await t.post(`/partners/${id}/suspend`, { reason: 'x' }, undefined, key('suspend-early')),
    409,
  );
  await t.post(`/partners/${id}/approve`, { tier: 'gold' });
  await t.post(`/partners/${id}/agreements`, { agreementVersion: '1', signedBy: 'Jane Doe' });
  const replay = await refused(t, () =>
    t.post(`/partners/${id}/suspend`, { reason: 'x' }, undefined, key('suspend-early')),
  );
  expectProblem(replay, 409, 'invalid_state');
  assert.equal([replay.body, replay.headers['idempotent-replayed']], [refusal.body, 'true']);
});

test('input refused as invalid does not use up the key', async ({ t }) => {
  expectProblem(
    await refused(t, () => t.post('/partners', partnerBody({ country: 'XX' }), undefined, key('fix-and-retry'))),
    400,
    'validation_failed',
    ['country'],
  );
  const fixed = expectStatus(await t.post('/partners', partnerBody(), undefined, key('fix-and-retry')), 201);
  assert.is(fixed.headers['idempotent-replayed'], undefined);
});

test('keys belong to their caller: the same key from someone else is a different request', async ({ t }) => {
  const manager = await vendorStaff(t, 'channel_manager');
  const mine = expectStatus(await t.post('/partners', partnerBody({ name: 'Mine' }), undefined, key('shared')), 201);
  const theirs = expectStatus(
    await t.post('/partners', partnerBody({ name: 'Theirs' }), manager.token, key('shared')),
    201,
  );
  assert.not.equal(at(mine.body, 'id'), at(theirs.body, 'id'));
  assert.is(theirs.headers['idempotent-replayed'], undefined);
});

test('concurrent retries with one key execute once and all answer the same', async ({ t }) => {
  const before = await t.eventCount();
  const answers = await Promise.all(
    Array.from({ length: 8 }, () => t.post('/partners', partnerBody({ name: 'Hammered' }), undefined, key('burst'))),
  );
  assert.equal(new Set(answers.map((r) => JSON.stringify([r.status, r.body]))).size, 1);
  assert.is(answers.filter((r) => r.headers['idempotent-replayed'] === 'true').length, 7);
  assert.is(await t.eventCount(), before + 1);
});

test('one key used concurrently on different routes executes exactly one of them', async ({ t }) => {
  const [a, b, c] = [await applyPartner(t), await applyPartner(t), await applyPartner(t)];
  const before = await t.eventCount();
  const answers = await Promise.all([
    t.post(`/partners/${a}/approve`, { tier: 'gold' }, undefined, key('one-shot')),
    t.post(`/partners/${b}/reject`, { reason: 'no' }, undefined, key('one-shot')),
    t.post(`/partners/${c}/region`, { region: 'apac' }, undefined, key('one-shot')),
  ]);
  assert.equal(answers.map((r) => r.status).sort(), [200, 422, 422]);
  assert.is(await t.eventCount(), before + 1);
});

test('a stale If-Match under an Idempotency-Key is replayed as the same 412', async ({ t }) => {
  const id = await activePartner(t);
  const headers = { ...key('guarded'), 'if-match': '"1"' };
  expectProblem(
    await t.post(`/partners/${id}/tier`, { tier: 'gold', reason: 'x' }, undefined, headers),
    412,
    'version_mismatch',
  );
  const again = await refused(t, () =>
    t.post(`/partners/${id}/tier`, { tier: 'gold', reason: 'x' }, undefined, headers),
  );
  expectProblem(again, 412, 'version_mismatch');
  assert.is(again.headers['idempotent-replayed'], 'true');
});

test('every event carries actor, command id, correlation and causation ids and the idempotency key', async ({ t }) => {
  const partner = await activePartner(t);
  const admin = await employee(t, partner, 'admin');
  const person = await registerPerson(t);
  const headers = { 'x-correlation-id': 'onboarding-42', 'x-causation-id': 'evt_cause', ...key('join-1') };
  expectStatus(
    await t.post(`/partners/${partner}/employees`, { personId: person, role: 'sales' }, admin.token, headers),
    200,
  );
  const joined = must((await streamEvents(t, `person-${person}`)).at(-1), 'the last event of the person');
  assert.is(joined.type, 'EmployeeJoined');
  assert.equal(
    { ...joined.metadata, commandId: undefined },
    {
      actor: { kind: 'person', id: admin.id },
      commandId: undefined,
      correlationId: 'onboarding-42',
      causationId: 'evt_cause',
      idempotencyKey: 'join-1',
    },
  );
  assert.match(joined.metadata.commandId, /^cmd_/);
  // Without a correlation id, the command is its own correlation.
  const applied = (await streamEvents(t, `partner-${await applyPartner(t)}`))[0];
  assert.equal(
    [applied.metadata.actor, applied.metadata.correlationId],
    [{ kind: 'admin-key', id: 'admin' }, applied.metadata.commandId],
  );
  // Oversized ids are not written into the log for good.
  const id = at(
    expectStatus(
      await t.post('/partners', partnerBody(), undefined, {
        'x-correlation-id': 'c'.repeat(129),
        'x-causation-id': 'e'.repeat(10_000),
      }),
      201,
    ).body,
    'id',
  );
  const [big] = await streamEvents(t, `partner-${id}`);
  assert.equal([big.metadata.correlationId, big.metadata.causationId], [big.metadata.commandId, undefined]);
});

test.run();
