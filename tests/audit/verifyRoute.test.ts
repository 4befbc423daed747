/**
 * `GET /audit/verify` on a live store: ok with the head's position and hash; after someone edits the
 * SQLite file with plain SQL, the first tampered position and its kind; anchors in the query.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { verifyLog } from '../../eventstore/verifyLog.js';
import { at, str } from '../support/json.js';
import { must } from '../support/must.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import { seedChannel } from './support/seedChannel.js';
import { moveEvent, withDb } from './support/tamper.js';

const test = suite<{ t: TestApp }>('GET /audit/verify');
test.before.each(async (ctx) => {
  ctx.t = await startTestApp();
  await seedChannel(ctx.t, 2);
});
test.after.each(async (ctx) => ctx.t?.dispose());

test('an intact log: ok, every event checked, the head to keep as an anchor', async ({ t }) => {
  const r = await t.get('/audit/verify');
  assert.is(r.status, 200);
  const head = await t.eventCount();
  assert.equal([at(r.body, 'ok'), at(r.body, 'checkedEvents'), at(r.body, 'headPosition')], [true, head, head]);
  const anchored = await t.get(`/audit/verify?anchorPosition=${head}&anchorHash=${at(r.body, 'headHash')}`);
  assert.is(at(anchored.body, 'ok'), true);
  // Appends after the anchor are fine: the anchor vouches for the chain up to it.
  await t.post('/programs', { name: 'Compute Pro', productLine: 'compute', validForDays: 30, points: 1 });
  assert.is(
    at((await t.get(`/audit/verify?anchorPosition=${head}&anchorHash=${at(r.body, 'headHash')}`)).body, 'ok'),
    true,
  );
  const wrong = await t.get(`/audit/verify?anchorPosition=${head}&anchorHash=${'0'.repeat(64)}`);
  assert.equal(
    [at(wrong.body, 'ok'), at(wrong.body, 'problem', 'kind'), at(wrong.body, 'problem', 'position')],
    [false, 'modified', head],
  );
});

const firstOf = async (t: TestApp, type: string) => {
  const sql = 'SELECT MIN(position) AS position FROM events WHERE type = ?';
  return must(await t.platform.reader.get<{ position: number }>(sql, [type]), `the first ${type}`).position;
};

test('an event edited in the live file: modified, at its position', async ({ t }) => {
  const approved = await firstOf(t, 'PartnerApproved');
  withDb(t.platform.connection.path, (db) =>
    db.prepare(`UPDATE events SET data = json_set(data, '$.tier', 'platinum') WHERE position = ?`).run(approved),
  );
  const r = await t.get('/audit/verify');
  assert.equal(
    [at(r.body, 'ok'), at(r.body, 'problem', 'kind'), at(r.body, 'problem', 'position'), at(r.body, 'checkedEvents')],
    [false, 'modified', approved, approved - 1],
  );
  assert.match(str(r.body, 'problem', 'streamId'), /^partner-/);
});

test('an event deleted from the live file: deleted, at its position', async ({ t }) => {
  const joined = await firstOf(t, 'EmployeeJoined');
  withDb(t.platform.connection.path, (db) => db.prepare('DELETE FROM events WHERE position = ?').run(joined));
  const r = await t.get('/audit/verify');
  assert.equal(
    [at(r.body, 'ok'), at(r.body, 'problem', 'kind'), at(r.body, 'problem', 'position')],
    [false, 'deleted', joined],
  );
});

test('two events swapped in the live file: reordered, at the first', async ({ t }) => {
  withDb(t.platform.connection.path, (db) => moveEvent(db, 5, 6));
  const r = await t.get('/audit/verify');
  assert.equal(
    [at(r.body, 'ok'), at(r.body, 'problem', 'kind'), at(r.body, 'problem', 'position')],
    [false, 'reordered', 5],
  );
});

test('anchor parameters go together and are checked', async ({ t }) => {
  for (const query of [
    'anchorPosition=3',
    `anchorHash=${'a'.repeat(64)}`,
    'anchorPosition=0&anchorHash=x',
    'anchorPosition=3&anchorHash=ABC',
  ]) {
    assert.is((await t.get(`/audit/verify?${query}`)).status, 400, query);
  }
});

test('an empty log verifies', async () => {
  const empty = {
    head: async () => ({ position: 0, hash: '0'.repeat(64) }),
    events: async function* () {},
    streamIndex: async function* () {},
  };
  assert.equal(await verifyLog(empty), { ok: true, checkedEvents: 0, headPosition: 0, headHash: '0'.repeat(64) });
});

test.run();
