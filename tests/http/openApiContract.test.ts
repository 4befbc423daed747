/**
 * The OpenAPI document as a contract: valid per @readme/openapi-parser, every operation with a 2xx
 * that has content (or a 204) and at least one problem response, named components, formats; and the
 * response check every test app carries really refuses what the document does not declare.
 */
import { validate } from '@readme/openapi-parser';
import swagger from '@fastify/swagger';
import Fastify from 'fastify';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { z } from 'zod';
import { openApiTransforms } from '../../http/openApi.js';
import { contractOf } from '../../http/responseContract.js';
import { useZodSchemas } from '../../http/zodSchemas.js';
import { at, list, maybe, obj, str } from '../support/json.js';
import { checkResponsesAgainstContract, contractViolations } from '../support/responseContract.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

const test = suite<{ t: TestApp; doc: unknown }>('HTTP: the OpenAPI contract');
test.before(async (ctx) => {
  ctx.t = await startTestApp();
  ctx.doc = (await ctx.t.get('/openapi.json', null)).body;
});
test.after(async (ctx) => ctx.t?.dispose());

const operations = (doc: unknown) =>
  Object.entries(obj(doc, 'paths')).flatMap(([path, item]) =>
    Object.entries(obj(item)).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, op })),
  );

test('the document passes @readme/openapi-parser validation', async ({ doc }) => {
  const result = await validate(structuredClone(doc) as Parameters<typeof validate>[0]);
  assert.ok(result.valid, JSON.stringify(result).slice(0, 2000));
});

test('every operation declares a 2xx with content (or a 204) and at least one problem', ({ doc }) => {
  const ops = operations(doc);
  assert.ok(ops.length >= 75, `only ${ops.length} operations`);
  for (const { name, op } of ops) {
    const statuses = Object.keys(obj(op, 'responses'));
    const success = statuses.filter((s) => s.startsWith('2'));
    assert.is(success.length, 1, `${name}: one success status`);
    assert.ok(success[0] === '204' || maybe(op, 'responses', success[0], 'content'), `${name}: success has content`);
    if (name === 'GET /health' || name === 'GET /metrics') continue; // public: nothing to refuse
    const problems = statuses.filter((s) => Number(s) >= 400);
    assert.ok(problems.length > 0, `${name}: no problem declared`);
    for (const s of problems)
      assert.equal(
        at(op, 'responses', s, 'content', 'application/problem+json', 'schema'),
        { $ref: '#/components/schemas/Problem' },
        `${name} ${s}`,
      );
  }
});

test('creates declare 201 with ETag and Location; commands take Idempotency-Key and If-Match', ({ doc }) => {
  const create = at(doc, 'paths', '/partners', 'post');
  assert.ok(maybe(create, 'responses', '201'), 'POST /partners answers 201');
  assert.equal(Object.keys(obj(create, 'responses', '201', 'headers')).sort(), [
    'ETag',
    'Location',
    'PRM-Read-Models',
    'PRM-Read-Models-Position',
  ]);
  assert.equal(at(create, 'responses', '201', 'content', 'application/json', 'schema'), {
    $ref: '#/components/schemas/CommandResult',
  });
  const headers = list(create, 'parameters')
    .filter((p) => at(p, 'in') === 'header')
    .map((p) => str(p, 'name'));
  for (const h of ['idempotency-key', 'if-match']) assert.ok(headers.includes(h), h);
  assert.ok(maybe(doc, 'paths', '/partners/{id}/approve', 'post', 'responses', '200'));
  assert.ok(maybe(doc, 'paths', '/partners/{id}', 'get', 'responses', '200', 'headers', 'ETag'));
});

test('named components, formats and the NDJSON export', ({ doc }) => {
  const schemas = obj(doc, 'components', 'schemas');
  for (const name of ['Partner', 'Deal', 'Money', 'Problem', 'CommandResult', 'PartnerPage', 'DealPage'])
    assert.ok(schemas[name], name);
  assert.is(at(schemas, 'Partner', 'properties', 'appliedAt', 'format'), 'date-time');
  assert.is(at(schemas, 'Partner', 'properties', 'website', 'format'), 'uri');
  assert.is(at(schemas, 'Person', 'properties', 'email', 'format'), 'email');
  assert.is(at(schemas, 'Deal', 'properties', 'expectedCloseDate', 'format'), 'date');
  assert.ok(list(schemas, 'CountryCode', 'enum').includes('DE'));
  assert.is(at(schemas, 'Money', 'properties', 'currency', 'pattern'), '^[A-Z]{3}$');
  assert.ok(list(schemas, 'Problem', 'properties', 'code', 'enum').includes('invalid_state'));
  const body = at(doc, 'paths', '/people', 'post', 'requestBody', 'content', 'application/json', 'schema');
  assert.is(at(body, 'properties', 'email', 'format'), 'email');
  const exported = obj(doc, 'paths', '/audit/export', 'get', 'responses', '200', 'content');
  assert.equal(Object.keys(exported), ['application/x-ndjson']);
});

test('Swagger UI at /docs shows the same responses and problems', async ({ t, doc }) => {
  const page = await t.get('/docs', null);
  assert.ok(page.status < 400, `GET /docs answered ${page.status}`);
  const served = (await t.get('/docs/json', null)).body;
  assert.equal(
    at(served, 'paths', '/partners', 'post', 'responses'),
    at(doc, 'paths', '/partners', 'post', 'responses'),
  );
  assert.equal(obj(served, 'components', 'schemas'), obj(doc, 'components', 'schemas'));
});

test('the response check refuses an undeclared status and a body its schema refuses', async () => {
  const app = Fastify();
  useZodSchemas(app);
  checkResponsesAgainstContract(app);
  await app.register(swagger, {
    openapi: { openapi: '3.1.0', info: { title: 't', version: '1' } },
    ...openApiTransforms(),
  });
  const contract = contractOf({}, { kind: 'query', status: 200, body: z.object({ n: z.number() }), headers: [] });
  app.get('/n/:answer', { schema: { contract } }, async (request, reply) => {
    const { answer } = request.params as { answer: string };
    if (answer === 'teapot') return reply.code(418).send({ n: 1 });
    return { n: answer === 'good' ? 1 : 'one' };
  });
  await app.ready();
  const before = contractViolations.length;
  await app.inject({ method: 'GET', url: '/n/good' });
  assert.is(contractViolations.length, before, 'a matching body passes');
  await app.inject({ method: 'GET', url: '/n/bad' });
  await app.inject({ method: 'GET', url: '/n/teapot' });
  // Taken off the list: the deliberate violations must not fail this file.
  const seen = contractViolations.splice(before);
  assert.is(seen.length, 2, seen.join('\n'));
  assert.match(seen[0], /body does not match/);
  assert.match(seen[1], /418: status not declared/);
  await app.close();
});

test.run();
