/**
 * "Every error is problem+json" (README Reliability), where fastify answers by itself: path
 * parameters longer than its router allows, URLs it cannot decode, unknown routes, a known path with
 * another method (405 with Allow), the console's static files. Each answer is
 * application/problem+json with our code, and a long id reaches validation (400 at its field).
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { num, obj, str } from '../support/json.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import { expectProblem, refused } from './fixtures.js';

interface Operation {
  readonly method: string;
  readonly path: string;
}

const test = suite<{ t: TestApp; operations: Operation[] }>('HTTP: every error is problem+json, fastify own too');
test.before(async (ctx) => {
  ctx.t = await startTestApp();
  const paths = obj((await ctx.t.get('/openapi.json')).body, 'paths');
  ctx.operations = Object.entries(paths).flatMap(([path, methods]) =>
    Object.keys(obj(methods)).map((method) => ({ method: method.toUpperCase(), path })),
  );
});
test.after(async (ctx) => ctx.t?.dispose());

const isProblem = (r: { status: number; headers: Record<string, unknown>; body: unknown }, what: string) => {
  assert.ok(r.status >= 400 && r.status < 500, `${what}: ${r.status} ${JSON.stringify(r.body)}`);
  assert.match(String(r.headers['content-type']), /^application\/problem\+json/, what);
  assert.is(num(r.body, 'status'), r.status, what);
  assert.type(str(r.body, 'code'), 'string', what);
  assert.type(str(r.body, 'title'), 'string', what);
};

test('a path parameter of 120 or 3,000 characters reaches validation: 400 at the parameter, on every route', async ({
  t,
  operations,
}) => {
  const withParams = operations.filter((o) => o.path.includes('{'));
  assert.ok(withParams.length > 30, `only ${withParams.length} routes with parameters`);
  for (const length of [120, 3000])
    for (const o of withParams) {
      const long = `ptr_${'a'.repeat(length)}`;
      const url = o.path.replace(/\{(\w+)\}/g, long);
      const r = await refused(t, () => t.request(o.method, url, o.method === 'GET' ? undefined : {}));
      const what = `${o.method} ${o.path} with a ${length}-character parameter`;
      isProblem(r, what);
      // An id of that length is never valid; a parameter that is not an id may be unknown instead.
      assert.ok([400, 404].includes(r.status), `${what}: ${r.status}`);
    }
});

test('a long id names its parameter', async ({ t }) => {
  const r = await t.post(`/partners/ptr_${'a'.repeat(120)}/approve`, { tier: 'gold' });
  expectProblem(r, 400, 'validation_failed', ['params.id']);
});

test('a URL fastify cannot decode is 400 problem+json', async ({ t }) => {
  for (const url of ['/partners/%zz', '/partners/%E0%A4%A', '/people/%'])
    expectProblem(await t.get(url), 400, 'malformed_url');
});

test('an unknown route is 404 problem+json; a known path with another method is 405 with Allow', async ({ t }) => {
  expectProblem(await t.get('/no-such-route'), 404, 'not_found');
  expectProblem(await t.post('/no-such-route', {}), 404, 'not_found');
  const collection = await refused(t, () => t.request('DELETE', '/partners'));
  expectProblem(collection, 405, 'method_not_allowed');
  assert.equal(String(collection.headers.allow).split(/,\s*/).sort(), ['GET', 'HEAD', 'POST']);
  const item = await t.request('PATCH', '/partners/ptr_abcdefghijkl', {});
  expectProblem(item, 405, 'method_not_allowed');
  assert.equal(String(item.headers.allow).split(/,\s*/).sort(), ['GET', 'HEAD']);
  const command = await t.request('GET', '/partners/ptr_abcdefghijkl/approve');
  expectProblem(command, 405, 'method_not_allowed');
  assert.is(command.headers.allow, 'POST');
});

test('static files of the console: a miss or a traversal attempt is 404 problem+json; the icon is served', async ({
  t,
}) => {
  for (const path of [
    '/src/..%2f..%2fpackage.json',
    '/src/missing.js',
    '/src/pages/..%2F..%2FwebRoutes.js',
    `/src/${'a'.repeat(300)}.js`,
  ]) {
    const r = await t.get(path, null);
    expectProblem(r, 404, 'not_found');
  }
  // The API documentation's own static files too.
  expectProblem(await t.get('/docs/static/missing.js', null), 404, 'not_found');
  const icon = await t.get('/favicon.ico', null);
  assert.is(icon.status, 200);
  assert.match(String(icon.headers['content-type']), /^image\/svg\+xml/);
});

test('without a token, an unknown route is still problem+json (401 before anything is revealed)', async ({ t }) => {
  isProblem(await t.get('/no-such-route', null), 'unknown route, no token');
  isProblem(await t.request('DELETE', '/partners', undefined, null), 'wrong method, no token');
});

test.run();
