/**
 * Bad input of every shape, on every command route of the foundation (DESIGN §6, §10): malformed
 * JSON, bodies that are not objects, unknown, missing and wrongly typed fields, 1 MB strings,
 * malformed ids in the path, bad headers. Each is a 400 problem+json naming the field, never a 5xx,
 * and nothing is appended. Field values (money, ISO codes, slugs, dates) are in badValues.test.ts.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { must } from '../support/must.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import { commandCatalog, type CommandCase } from './commandCatalog.js';
import { expectProblem, refused } from './fixtures.js';

const test = suite<{ t: TestApp; cases: CommandCase[] }>('HTTP: bad input on every command route');
test.before(async (ctx) => {
  ctx.t = await startTestApp();
  ctx.cases = await commandCatalog(ctx.t);
});
test.after(async (ctx) => ctx.t?.dispose());

const send = (t: TestApp, c: CommandCase, body: unknown, headers: Record<string, string> = {}, url = c.url) =>
  refused(t, () => t.request(c.method, url, body, undefined, headers));
const MB = 'x'.repeat(1 << 20);
/** A value of another JSON type than the valid one. */
const wrongType = (v: unknown): unknown =>
  typeof v === 'string'
    ? 42
    : typeof v === 'number'
      ? String(v)
      : Array.isArray(v)
        ? 'list'
        : typeof v === 'object'
          ? 'object'
          : null;

test('the catalogue covers every foundation command route', ({ cases }) => {
  assert.is(cases.length, 23);
  assert.is(new Set(cases.map((c) => `${c.method} ${c.route}`)).size, 23);
});

test('malformed JSON is 400 malformed_json', async ({ t, cases }) => {
  for (const c of cases) {
    for (const text of ['{', '{"a":}', "{'a':1}", '{"a":1,}', 'undefined', '{"a":1}{"b":2}', '\u0000']) {
      expectProblem(await send(t, c, text), 400, 'malformed_json');
    }
  }
});

test('a body that is not an object is 400 at the root', async ({ t, cases }) => {
  for (const c of cases) {
    for (const body of ['[]', '"text"', '42', 'true', '[{}]'])
      expectProblem(await send(t, c, body), 400, 'validation_failed', ['']);
  }
});

test('a body that is not JSON is 415; a body over 4 MB is 413', async ({ t, cases }) => {
  for (const c of cases) {
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'application/xml',
      'multipart/form-data; boundary=x',
    ]) {
      expectProblem(await send(t, c, c.body, { 'content-type': type }), 415, 'unsupported_media_type');
    }
    expectProblem(await send(t, c, { ...c.body, padding: 'x'.repeat(5 << 20) }), 413, 'payload_too_large');
  }
});

test('an unknown field is 400 at its own path, also next to valid fields and in nested objects', async ({
  t,
  cases,
}) => {
  for (const c of cases) {
    const r = await send(t, c, { ...c.body, isAdmin: true, __proto__x: 1 });
    expectProblem(r, 400, 'validation_failed', ['isAdmin', '__proto__x']);
    expectProblem(
      await send(t, c, `{"__proto__":{"isAdmin":true},${JSON.stringify(c.body).slice(1)}`.replace(',}', '}')),
      400,
      'validation_failed',
      ['__proto__'],
    );
  }
  const quota = must(
    cases.find((c) => c.route.endsWith('/quotas')),
    'the quota command',
  );
  expectProblem(
    await send(t, quota, { period: '2026-Q3', amount: { amountMinor: 1, currency: 'EUR', fx: 1.1 } }),
    400,
    'validation_failed',
    ['amount.fx'],
  );
});

test('each missing required field is named', async ({ t, cases }) => {
  const optional = new Set([
    'parentPartnerId',
    'regions',
    'reason:leave',
    'earnedAt',
    'dealProtectionDays',
    'productLines',
  ]);
  for (const c of cases) {
    for (const key of Object.keys(c.body)) {
      if (optional.has(key) || optional.has(`${key}:${c.route.split('/').pop()}`)) continue;
      const { [key]: _dropped, ...rest } = c.body;
      expectProblem(await send(t, c, rest), 400, 'validation_failed', [key]);
    }
    const required = Object.keys(c.body).filter(
      (k) => !optional.has(k) && !optional.has(`${k}:${c.route.split('/').pop()}`),
    );
    if (required.length) expectProblem(await send(t, c, {}), 400, 'validation_failed', required);
  }
});

test('each field of the wrong JSON type is named; null is not a value', async ({ t, cases }) => {
  for (const c of cases) {
    for (const [key, value] of Object.entries(c.body)) {
      expectProblem(await send(t, c, { ...c.body, [key]: wrongType(value) }), 400, 'validation_failed', [key]);
      expectProblem(await send(t, c, { ...c.body, [key]: null }), 400, 'validation_failed', [key]);
    }
  }
});

test('a 1 MB string in any field (or as an unknown field) is 400 at that field', async ({ t, cases }) => {
  for (const c of cases) {
    for (const [key, value] of Object.entries(c.body)) {
      if (typeof value === 'string')
        expectProblem(await send(t, c, { ...c.body, [key]: MB }), 400, 'validation_failed', [key]);
      if (Array.isArray(value))
        expectProblem(await send(t, c, { ...c.body, [key]: [MB] }), 400, 'validation_failed', [`${key}[0]`]);
    }
    expectProblem(await send(t, c, { ...c.body, note: MB }), 400, 'validation_failed', ['note']);
  }
});

test('a malformed id in the path is 400 at params.<name>', async ({ t, cases }) => {
  for (const c of cases) {
    for (const [url, path] of c.badUrls)
      expectProblem(await send(t, c, c.body, {}, url), 400, 'validation_failed', [path]);
  }
});

test('a malformed If-Match or Idempotency-Key header is 400 at the header', async ({ t, cases }) => {
  for (const c of cases) {
    for (const ifMatch of ['abc', '"-1"', '"1.5"', '"1", "2"', '*'])
      expectProblem(await send(t, c, c.body, { 'if-match': ifMatch }), 400, 'validation_failed', ['headers.if-match']);
    for (const key of [' ', 'has space', 'x'.repeat(256), 'tab\there'])
      expectProblem(await send(t, c, c.body, { 'idempotency-key': key }), 400, 'validation_failed', [
        'headers.idempotency-key',
      ]);
  }
});

test('after all of it, every valid body is still accepted: the refusals were about the input', async ({ t, cases }) => {
  for (const c of cases) {
    const r = await t.request(c.method, c.url, c.body);
    assert.ok(r.status < 300 || r.status === 409, `${c.method} ${c.route}: ${r.status} ${JSON.stringify(r.body)}`);
  }
});

test.run();
