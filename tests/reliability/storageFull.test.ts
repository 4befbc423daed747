/**
 * A full disk, simulated portably with SQLite's `PRAGMA max_page_count` (a connection may not grow
 * the file past it, and meets SQLITE_FULL as on a full disk): README Reliability's promises.
 * - A command whose events were stored answers success, even when the read models cannot follow
 *   (`PRM-Read-Models: behind`); never a 5xx for something that took effect.
 * - An append refused for lack of space is `507 storage_full`, appends nothing, is not recorded
 *   under its Idempotency-Key; reads keep serving; `/health` says degraded, and why.
 * - When space comes back everything resumes by itself: health, appends, read models.
 * - Under concurrent commands and repeated fills: nothing acknowledged is missing, the chain is
 *   intact, and the read models equal a rebuild.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { expectProblem, expectStatus, quiescent } from '../http/fixtures.js';
import { list, num, str } from '../support/json.js';
import { dumpReadModels } from '../support/readModelDump.js';
import { startTestApp, type Response, type TestApp } from '../support/testApp.js';

const test = suite('reliability: a full disk');

const NO_LIMIT = 1_073_741_823;
const pages = (t: TestApp) => Number(t.platform.connection.db.pragma('page_count', { simple: true }));
/** The log's connection may not grow the file any more. */
const capLog = (t: TestApp) => t.platform.connection.db.pragma(`max_page_count = ${pages(t)}`);
/** The read models' connection may not grow the file any more. */
const capReadModels = (t: TestApp) => t.platform.writeDb.get(`PRAGMA max_page_count = ${pages(t)}`);
const uncap = async (t: TestApp) => {
  t.platform.connection.db.pragma(`max_page_count = ${NO_LIMIT}`);
  await t.platform.writeDb.get(`PRAGMA max_page_count = ${NO_LIMIT}`);
};

const eventually = async (what: string, check: () => Promise<boolean>, ms = 15_000) => {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) assert.unreachable(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

const withApp = async (work: (t: TestApp) => Promise<void>, options: { projectionWorker?: boolean } = {}) => {
  const t = await startTestApp(options);
  try {
    await work(t);
  } finally {
    await uncap(t);
    await t.dispose();
  }
};

let people = 0;
const register = (t: TestApp, headers: Record<string, string> = {}) => {
  people += 1;
  const body = { name: `Person ${people}`, email: `full${people}@disk.example` };
  return t.post('/people', body, undefined, headers).then((r) => ({ r, email: body.email, body }));
};
const isBehind = (r: Response) => r.headers['prm-read-models'] === 'behind';
const reasonsOf = async (t: TestApp) => {
  const health = await t.get('/health', null);
  expectStatus(health, 200);
  const reasons = list(health.body, 'reasons').map((r) => ({ component: str(r, 'component'), code: str(r, 'code') }));
  return { status: str(health.body, 'status'), reasons };
};

test('read models that cannot follow: the command still answers 201 with PRM-Read-Models: behind', async () =>
  withApp(
    async (t) => {
      for (let i = 0; i < 3; i++) expectStatus((await register(t)).r, 201);
      await capReadModels(t);
      const answers: Response[] = [];
      for (let i = 0; i < 400 && !answers.some(isBehind); i++) answers.push((await register(t)).r);
      for (const r of answers) expectStatus(r, 201);
      const late = answers.find(isBehind);
      assert.ok(late, 'the read models never fell behind');
      assert.ok(Number(late.headers['prm-read-models-position']) < num(late.body, 'position'));
      // Stored, hence acknowledged: the event is in the log.
      assert.is(await t.platform.store.streamVersion(str(late.body, 'streamId')), 1);
      const health = await reasonsOf(t);
      assert.is(health.status, 'degraded');
      assert.ok(health.reasons.some((r) => r.component === 'read-models' && r.code === 'storage_full'));
      expectStatus(await t.get('/partners'), 200);

      await uncap(t);
      // The runner's poll catches up by itself; no command is needed.
      await eventually(
        'the late registration readable',
        async () => (await t.get(`/people/${str(late.body, 'id')}`)).status === 200,
      );
      await eventually('health ok again', async () => (await reasonsOf(t)).status === 'ok');
      // The cap is the in-thread read-model connection's (max_page_count is per connection); a projection
      // worker's failures are specified in tests/app/workerProjectionRunner.test.ts.
    },
    { projectionWorker: false },
  ));

test('the log cannot grow: 507 storage_full, nothing appended or recorded, reads serve, all resumes', async () =>
  withApp(async (t) => {
    const first = await register(t);
    expectStatus(first.r, 201);
    const base = await t.eventCount();
    capLog(t);
    await capReadModels(t);
    const answers: Response[] = [];
    for (let i = 0; i < 400 && !answers.some((r) => r.status === 507); i++) answers.push((await register(t)).r);
    const full = answers[answers.length - 1];
    expectProblem(full, 507, 'storage_full');
    for (const r of answers.slice(0, -1)) expectStatus(r, 201);
    // Two events per registration (the person and the email reservation), for the 201s alone.
    assert.is(await t.eventCount(), base + 2 * (answers.length - 1));

    const keyed = await register(t, { 'idempotency-key': 'register-when-full' });
    expectProblem(keyed.r, 507, 'storage_full');
    assert.is(await t.platform.store.streamVersion(`email-${keyed.email}`), 0);
    const health = await reasonsOf(t);
    assert.is(health.status, 'degraded');
    assert.ok(health.reasons.some((r) => r.component === 'event-log' && r.code === 'storage_full'));
    expectStatus(await t.get('/partners'), 200);
    expectStatus(await t.get(`/people/${str(first.r.body, 'id')}`), 200);

    await uncap(t);
    // Health comes back without traffic (the storage probe), then commands work again.
    await eventually('health ok again', async () => (await reasonsOf(t)).status === 'ok');
    const retried = await t.post('/people', { name: `Person ${people}`, email: keyed.email }, undefined, {
      'idempotency-key': 'register-when-full',
    });
    expectStatus(retried, 201);
    assert.is(retried.headers['idempotent-replayed'], undefined, 'a 507 is not replayed: it changed nothing');
    expectStatus((await register(t)).r, 201);
  }));

test('an audit read that cannot be recorded is refused (507 problem+json); other reads serve', async () =>
  withApp(async (t) => {
    expectStatus((await register(t)).r, 201);
    await capReadModels(t);
    let refusal: Response | undefined;
    for (let i = 0; i < 400 && !refusal; i++) {
      const r = await t.get('/audit/events?limit=1');
      if (r.status !== 200) refusal = r;
    }
    assert.ok(refusal, 'the audit access log never filled');
    expectProblem(refusal, 507, 'storage_full');
    expectStatus(await t.get('/partners'), 200);
    await uncap(t);
    expectStatus(await t.get('/audit/events?limit=1'), 200);
  }));

const dump = (t: TestApp) => dumpReadModels(t.platform.writeDb);

test('disk full four times under 16 concurrent commands: nothing acknowledged lost, chain intact', async () =>
  withApp(async (t) => {
    const acked: { id: string; streamId: string; body: unknown; key?: string }[] = [];
    const refused: { email: string; key?: string }[] = [];
    const batch = async () => {
      const sent = Array.from({ length: 16 }, (_, i) => {
        const key = i % 2 ? `key-${people + i + 1}-${Date.now()}` : undefined;
        return register(t, key ? { 'idempotency-key': key } : {}).then((x) => ({ ...x, key }));
      });
      let full = 0;
      for (const { r, email, body, key } of await Promise.all(sent)) {
        assert.ok(r.status === 201 || r.status === 507, `${r.status} ${JSON.stringify(r.body)}`);
        if (r.status === 201) acked.push({ id: str(r.body, 'id'), streamId: str(r.body, 'streamId'), body, key });
        else {
          expectProblem(r, 507, 'storage_full');
          refused.push({ email, key });
          full += 1;
        }
      }
      return full;
    };
    for (let cycle = 0; cycle < 4; cycle++) {
      capLog(t);
      await capReadModels(t);
      let full = 0;
      for (let i = 0; i < 40 && full === 0; i++) full = await batch();
      assert.ok(full > 0, `cycle ${cycle}: the disk never filled`);
      await uncap(t);
      assert.is(await batch(), 0, `cycle ${cycle}: refused after space came back`);
    }
    await quiescent(t);

    for (const a of acked) {
      assert.is(await t.platform.store.streamVersion(a.streamId), 1, a.streamId);
      expectStatus(await t.get(`/people/${a.id}`), 200);
    }
    for (const r of refused) assert.is(await t.platform.store.streamVersion(`email-${r.email}`), 0, r.email);
    assert.is(await t.eventCount(), 2 * acked.length);
    // Keys: an acknowledged command replays its answer; a refused one runs afresh.
    for (const a of acked.filter((x) => x.key).slice(0, 5)) {
      const again = await t.post('/people', a.body, undefined, { 'idempotency-key': a.key as string });
      expectStatus(again, 201);
      assert.is(str(again.body, 'id'), a.id);
    }
    for (const r of refused.filter((x) => x.key).slice(0, 5)) {
      const again = await t.post('/people', { name: 'Retried', email: r.email }, undefined, {
        'idempotency-key': r.key as string,
      });
      expectStatus(again, 201);
    }
    await quiescent(t);

    const report = await t.platform.storedLog.verify();
    assert.ok(report.ok, JSON.stringify(report));
    const incremental = await dump(t);
    await t.platform.runner.rebuild();
    assert.equal(await dump(t), incremental);
  }));

test.run();
