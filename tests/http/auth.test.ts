/**
 * Authentication: the admin key, person tokens from POST /auth/tokens, every way a token can be
 * wrong (401), and the public endpoints (/health, /metrics, /openapi.json, /docs).
 */
import { createHmac } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { signToken } from '../../http/jwt.js';
import { at, list, maybe, obj, str } from '../support/json.js';
import { ADMIN_KEY, startTestApp, type TestApp } from '../support/testApp.js';
import {
  activePartner,
  employee,
  expectProblem,
  expectStatus,
  refused,
  registerPerson,
  vendorStaff,
} from './fixtures.js';

const test = suite<{ t: TestApp }>('HTTP: authentication and public endpoints');
test.before.each(async (ctx) => {
  ctx.t = await startTestApp();
});
test.after.each(async (ctx) => ctx.t?.dispose());

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

test('no token is 401 unauthenticated with a Bearer challenge, for queries and commands alike', async ({ t }) => {
  for (const r of [
    await t.get('/partners', null),
    await t.get('/me', null),
    await refused(t, () => t.post('/partners', {}, null)),
  ]) {
    expectProblem(r, 401, 'unauthenticated');
    assert.is(r.headers['www-authenticate'], 'Bearer');
  }
  expectProblem(
    await t.request('GET', '/partners', undefined, null, { authorization: `Basic ${ADMIN_KEY}` }),
    401,
    'unauthenticated',
  );
});

test('a wrong admin key, garbage, or a token signed with another secret is 401 invalid_token', async ({ t }) => {
  const id = await registerPerson(t);
  const now = Math.floor(t.clock.now().getTime() / 1000);
  const forged = signToken('another-secret-0123456789abcdef0123456789', { sub: id, iat: now, exp: now + 3600 });
  for (const token of [`${ADMIN_KEY}x`, ADMIN_KEY.slice(0, -1), 'abc.def.ghi', 'not-a-jwt', forged]) {
    const r = await t.get('/me', token);
    expectProblem(r, 401, 'invalid_token');
    assert.match(String(r.headers['www-authenticate']), /invalid_token/);
  }
});

test('a tampered payload, alg none, or a token for an unknown person is 401', async ({ t }) => {
  const victim = await registerPerson(t);
  const [header, , signature] = t.tokenFor(await registerPerson(t)).split('.');
  const now = Math.floor(t.clock.now().getTime() / 1000);
  const swappedSub = `${header}.${b64({ sub: victim, iat: now, exp: now + 3600 })}.${signature}`;
  const none = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: victim, iat: now, exp: now + 3600 })}.`;
  const noneSigned = (() => {
    const input = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: victim, iat: now, exp: now + 3600 })}`;
    const mac = createHmac('sha256', 'test-jwt-secret-0123456789abcdef0123456789').update(input);
    return `${input}.${mac.digest('base64url')}`;
  })();
  for (const token of [swappedSub, none, noneSigned, t.tokenFor('per_unknown00001')])
    expectProblem(await t.get('/me', token), 401, 'invalid_token');
  expectStatus(await t.get('/me', t.tokenFor(victim)), 200);
});

test('a token expires: valid until exp, 401 from then on', async ({ t }) => {
  const id = await registerPerson(t);
  const token = t.tokenFor(id, 600);
  expectStatus(await t.get('/me', token), 200);
  t.clock.advance(599_000);
  expectStatus(await t.get('/me', token), 200);
  t.clock.advance(1_000);
  expectProblem(await t.get('/me', token), 401, 'invalid_token');
});

test('POST /auth/tokens: a vendor admin gets {token, expiresAt} for a person; the token authenticates as them', async ({
  t,
}) => {
  const id = await registerPerson(t);
  const r = expectStatus(await t.post('/auth/tokens', { personId: id, ttlSeconds: 120 }), 201);
  assert.is(at(r.body, 'expiresAt'), new Date(t.clock.now().getTime() + 120_000).toISOString());
  const [, payload] = String(at(r.body, 'token')).split('.');
  assert.is(JSON.parse(Buffer.from(payload, 'base64url').toString()).sub, id);
  assert.is(at(expectStatus(await t.get('/me', str(r.body, 'token')), 200).body, 'principal', 'personId'), id);
  t.clock.advance(120_000);
  expectProblem(await t.get('/me', str(r.body, 'token')), 401, 'invalid_token');
  // Default lifetime: eight hours.
  const standard = expectStatus(await t.post('/auth/tokens', { personId: id }), 201);
  assert.is(at(standard.body, 'expiresAt'), new Date(t.clock.now().getTime() + 8 * 3600_000).toISOString());
});

test('a person with the vendor_admin role issues tokens too; nobody else does (403)', async ({ t }) => {
  const target = await registerPerson(t);
  const admin = await vendorStaff(t, 'vendor_admin');
  expectStatus(await t.post('/auth/tokens', { personId: target }, admin.token), 201);
  const partnerAdmin = await employee(t, await activePartner(t), 'admin');
  for (const token of [
    (await vendorStaff(t, 'channel_manager')).token,
    (await vendorStaff(t, 'auditor')).token,
    partnerAdmin.token,
  ]) {
    expectProblem(await t.post('/auth/tokens', { personId: target }, token), 403, 'forbidden');
  }
});

test('POST /auth/tokens refuses an unknown person (404) and bad input (400 with paths)', async ({ t }) => {
  expectProblem(await t.post('/auth/tokens', { personId: 'per_unknown00001' }), 404, 'not_found');
  const id = await registerPerson(t);
  expectProblem(await t.post('/auth/tokens', { personId: id, ttlSeconds: 59 }), 400, 'validation_failed', [
    'ttlSeconds',
  ]);
  expectProblem(await t.post('/auth/tokens', { personId: id, ttlSeconds: 31 * 86_400 }), 400, 'validation_failed', [
    'ttlSeconds',
  ]);
  expectProblem(await t.post('/auth/tokens', { personId: id, ttlSeconds: 60.5 }), 400, 'validation_failed', [
    'ttlSeconds',
  ]);
  expectProblem(await t.post('/auth/tokens', { personId: 'ptr_abcdefgh' }), 400, 'validation_failed', ['personId']);
  expectProblem(await t.post('/auth/tokens', { personId: id, role: 'admin' }), 400, 'validation_failed', ['role']);
  expectProblem(await t.post('/auth/tokens', '{"personId":'), 400, 'malformed_json');
  expectProblem(await t.post('/auth/tokens', { personId: id }, null), 401, 'unauthenticated');
});

test('/health needs no token and reports the log head and projection lag', async ({ t }) => {
  await registerPerson(t);
  const r = expectStatus(await t.get('/health', null), 200);
  assert.equal(r.body, { status: 'ok', headPosition: 2, projectionPosition: 2, projectionLag: 0, reasons: [] });
});

test('/metrics needs no token and speaks the Prometheus text format', async ({ t }) => {
  await t.get('/partners');
  await t.get('/partners', null);
  await t.get('/partners');
  const r = expectStatus(await t.get('/metrics', null), 200);
  assert.match(String(r.headers['content-type']), /^text\/plain; version=0\.0\.4/);
  const text = String(r.body);
  assert.match(text, /^prm_http_requests_total\{method="GET",route="\/partners",status="200"\} 2$/m);
  assert.match(text, /^prm_http_requests_total\{method="GET",route="\/partners",status="401"\} 1$/m);
  assert.match(text, /^# TYPE prm_http_request_duration_seconds histogram$/m);
  // Timed by route whatever the status: three requests, each in the +Inf bucket.
  assert.match(text, /^prm_http_request_duration_seconds_count\{method="GET",route="\/partners"\} 3$/m);
  assert.match(text, /^prm_http_request_duration_seconds_bucket\{method="GET",route="\/partners",le="\+Inf"\} 3$/m);
  assert.match(text, /^prm_event_store_head_position 0$/m);
  assert.match(text, /^prm_projection_position 0$/m);
});

test('/openapi.json needs no token and documents every foundation route with its body schema', async ({ t }) => {
  const doc = obj(expectStatus(await t.get('/openapi.json', null), 200).body);
  assert.is(doc.openapi, '3.1.0');
  const routes: [string, string][] = [
    ['post', '/partners'],
    ['post', '/partners/{id}/approve'],
    ['post', '/partners/{id}/reject'],
    ['post', '/partners/{id}/agreements'],
    ['post', '/partners/{id}/tier'],
    ['post', '/partners/{id}/region'],
    ['post', '/partners/{id}/channel-manager'],
    ['post', '/partners/{id}/quotas'],
    ['post', '/partners/{id}/suspend'],
    ['post', '/partners/{id}/reinstate'],
    ['post', '/partners/{id}/terminate'],
    ['post', '/people'],
    ['post', '/people/{id}/vendor-roles'],
    ['post', '/people/{id}/vendor-roles/{role}/revoke'],
    ['post', '/partners/{id}/employees'],
    ['post', '/partners/{id}/employees/{personId}/role'],
    ['post', '/partners/{id}/employees/{personId}/leave'],
    ['post', '/programs'],
    ['post', '/programs/{id}/retire'],
    ['post', '/people/{id}/certifications'],
    ['post', '/people/{id}/certifications/{programId}/renew'],
    ['post', '/people/{id}/certifications/{programId}/revoke'],
    ['put', '/channel/settings'],
    ['post', '/auth/tokens'],
    ['get', '/me'],
    ['get', '/partners'],
    ['get', '/partners/{id}'],
    ['get', '/partners/{id}/employees'],
    ['get', '/people/{id}'],
    ['get', '/programs'],
    ['get', '/programs/{id}'],
    ['get', '/channel/settings'],
  ];
  for (const [method, path] of routes)
    assert.ok(maybe(at(doc.paths, path), method), `${method.toUpperCase()} ${path} is documented`);
  const apply = at(doc.paths, '/partners', 'post', 'requestBody', 'content', 'application/json', 'schema');
  assert.equal([...list(apply, 'required')].sort(), ['country', 'name', 'region', 'type', 'website']);
  assert.is(at(apply, 'additionalProperties'), false);
});

test('/docs serves the API browser without a token', async ({ t }) => {
  const r = expectStatus(await t.get('/docs', null), 200);
  assert.match(String(r.headers['content-type']), /^text\/html/);
  assert.match(String(r.body), /swagger/i);
});

test.run();
