/**
 * API clients (service accounts, DESIGN §11) over HTTP: a key shown once and stored only as a digest,
 * what it may do by its roles, actor `api-client` on the events it causes, /me, revocation refused on
 * the next request, rotation with a grace period, bad input refused with field paths, keys never logged.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { at, list, maybe, str } from '../support/json.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import { expectProblem, expectStatus, partnerBody, refused } from './fixtures.js';

const lines: string[] = [];
const test = suite<{ t: TestApp }>('HTTP: API clients');
test.before.each(async (ctx) => {
  lines.length = 0;
  ctx.t = await startTestApp({ logStream: { write: (line) => lines.push(line) } });
});
test.after.each(async (ctx) => ctx.t?.dispose());

const createClient = async (t: TestApp, body: Record<string, unknown>) => {
  const r = expectStatus(await t.post('/api-clients', body), 201);
  return { id: str(r.body, 'id'), key: str(r.body, 'key'), location: r.headers.location };
};

test('a client is created with a key shown once; lists show its prefix, never the key', async ({ t }) => {
  const { id, key, location } = await createClient(t, { name: 'CRM sync', roles: ['analyst'] });
  assert.match(id, /^cli_/);
  assert.match(key, /^prmk_[A-Za-z0-9_-]{40,}$/);
  assert.is(location, `/api-clients/${id}`);
  const one = expectStatus(await t.get(`/api-clients/${id}`), 200).body;
  assert.is(at(one, 'status'), 'active');
  assert.equal(at(one, 'roles'), ['analyst']);
  assert.is(list(one, 'keys').length, 1);
  assert.ok(key.startsWith(str(one, 'keys', 0, 'prefix')));
  const page = expectStatus(await t.get('/api-clients'), 200).body;
  assert.equal(
    list(page, 'items').map((c) => str(c, 'id')),
    [id],
  );
  assert.not.ok(JSON.stringify(page).includes(key), 'the list holds no key');
});

test('a client acts by its roles; /me answers for it; its events carry actor api-client', async ({ t }) => {
  const admin = await createClient(t, { name: 'Provisioning', roles: ['vendor_admin'] });
  const analyst = await createClient(t, { name: 'BI export', roles: ['analyst'] });
  const me = expectStatus(await t.get('/me', admin.key), 200).body;
  assert.is(at(me, 'principal', 'kind'), 'api-client');
  assert.is(at(me, 'principal', 'clientId'), admin.id);
  assert.equal(at(me, 'principal', 'vendorRoles'), [{ role: 'vendor_admin' }]);
  const partner = str(expectStatus(await t.post('/partners', partnerBody(), admin.key), 201).body, 'id');
  const events = expectStatus(await t.get(`/audit/streams/partner-${partner}`), 200).body;
  assert.equal(at(events, 'items', 0, 'metadata', 'actor'), { kind: 'api-client', id: admin.id });
  expectProblem(await refused(t, () => t.post('/partners', partnerBody(), analyst.key)), 403, 'forbidden');
  expectStatus(await t.get(`/partners/${partner}`, analyst.key), 200);
});

test('the integration role reads the event feed and nothing else; other roles may not read it', async ({ t }) => {
  const sync = await createClient(t, { name: 'Warehouse feed', roles: ['integration'] });
  const analyst = await createClient(t, { name: 'BI export', roles: ['analyst'] });
  const partner = str(expectStatus(await t.post('/partners', partnerBody()), 201).body, 'id');
  const feed = expectStatus(await t.get('/feed?limit=50', sync.key), 200).body;
  assert.ok(
    list(feed, 'items').some((e) => str(e, 'streamId') === `partner-${partner}`),
    'the feed shows the partner application',
  );
  expectProblem(await refused(t, () => t.get('/feed?limit=1', analyst.key)), 403, 'forbidden');
  // It sees no partner (a partner one may not see is not found, as for anyone).
  expectProblem(await refused(t, () => t.get(`/partners/${partner}`, sync.key)), 404, 'not_found');
  expectProblem(await refused(t, () => t.post('/partners', partnerBody(), sync.key)), 403, 'forbidden');
});

test('a revoked key is refused on the next request', async ({ t }) => {
  const { id, key } = await createClient(t, { name: 'Old CRM', roles: ['analyst'] });
  expectStatus(await t.get('/me', key), 200);
  expectStatus(await t.post(`/api-clients/${id}/revoke`, { reason: 'replaced' }), 200);
  expectProblem(await t.get('/me', key), 401, 'invalid_token');
  expectProblem(await refused(t, () => t.post(`/api-clients/${id}/revoke`, {})), 409, 'invalid_state');
  assert.is(at(expectStatus(await t.get(`/api-clients/${id}`), 200).body, 'status'), 'revoked');
});

test('rotation: the new key works at once, the old one until the grace period ends', async ({ t }) => {
  const { id, key: old } = await createClient(t, { name: 'ERP', roles: ['analyst'] });
  const r = expectStatus(await t.post(`/api-clients/${id}/rotate`, { graceSeconds: 600 }), 200);
  const fresh = str(r.body, 'key');
  assert.is.not(fresh, old);
  expectStatus(await t.get('/me', fresh), 200);
  expectStatus(await t.get('/me', old), 200);
  t.clock.advance(599_000);
  expectStatus(await t.get('/me', old), 200);
  t.clock.advance(2_000);
  expectProblem(await t.get('/me', old), 401, 'invalid_token');
  expectStatus(await t.get('/me', fresh), 200);
  // Without a grace period the previous key ends now.
  const next = str(expectStatus(await t.post(`/api-clients/${id}/rotate`, {}), 200).body, 'key');
  expectProblem(await t.get('/me', fresh), 401, 'invalid_token');
  expectStatus(await t.get('/me', next), 200);
});

test('bad input is refused with field paths and appends nothing; only vendor admins manage', async ({ t }) => {
  expectProblem(
    await refused(t, () => t.post('/api-clients', { name: '', roles: ['janitor'] })),
    400,
    'validation_failed',
    ['name', 'roles[0]'],
  );
  expectProblem(
    await refused(t, () => t.post('/api-clients', { name: 'Regional', roles: ['analyst'], regions: ['emea'] })),
    400,
    'validation_failed',
  );
  const { id, key } = await createClient(t, { name: 'Auditor feed', roles: ['auditor'] });
  expectProblem(
    await refused(t, () => t.post(`/api-clients/${id}/rotate`, { graceSeconds: -1 })),
    400,
    'validation_failed',
    ['graceSeconds'],
  );
  expectProblem(await refused(t, () => t.post('/api-clients/nope/revoke', {})), 400, 'validation_failed', [
    'params.id',
  ]);
  expectProblem(
    await refused(t, () => t.post('/api-clients', { name: 'Escalation', roles: ['vendor_admin'] }, key)),
    403,
    'forbidden',
  );
  expectStatus(await t.get('/api-clients', key), 200);
  expectProblem(await t.get('/me', 'prmk_not-a-key-at-all'), 401, 'invalid_token');
});

test('keys are never logged nor stored: only their digests reach the log and the read models', async ({ t }) => {
  const { id, key } = await createClient(t, { name: 'Secret keeper', roles: ['vendor_admin'] });
  const rotated = str(expectStatus(await t.post(`/api-clients/${id}/rotate`, { graceSeconds: 60 }), 200).body, 'key');
  const replayed = await t.post('/api-clients', { name: 'Replay', roles: ['analyst'] }, undefined, {
    'idempotency-key': 'replay-0001',
  });
  const again = await t.post('/api-clients', { name: 'Replay', roles: ['analyst'] }, undefined, {
    'idempotency-key': 'replay-0001',
  });
  assert.is(str(again.body, 'id'), str(replayed.body, 'id'));
  assert.is(maybe(again.body, 'key'), undefined, 'a replay does not show the key again');
  for (const k of [key, rotated]) {
    expectStatus(await t.get('/me', k), 200);
    expectStatus(await t.post('/partners', partnerBody(), k), 201);
  }
  const secrets = [key, rotated, str(replayed.body, 'key')];
  assert.ok(lines.length > 10, 'the server logged the requests');
  for (const s of secrets) assert.not.ok(lines.join('').includes(s), 'a key reached the server log');
  await t.platform.runner.waitFor(await t.eventCount());
  for (const file of readdirSync(t.dir)) {
    const bytes = readFileSync(join(t.dir, file)).toString('latin1');
    for (const s of secrets) assert.not.ok(bytes.includes(s), `a key is stored in ${file}`);
  }
});

test.run();
