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
import { contractViolations, checkResponsesAgainstContract } from '../support/responseContract.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

type Json = Record<string, any>; // eslint-disable-line -- the document is inspected as plain JSON

const test = suite<{ t: TestApp; doc: Json }>('HTTP: the OpenAPI contract');
test.before(async (ctx) => {
  ctx.t = await startTestApp();
  ctx.doc = (await ctx.t.get('/openapi.json', null)).body;
});
test.after(async (ctx) => ctx.t?.dispose());

const operations = (doc: Json) =>
  Object.entries(doc.paths as Json).flatMap(([path, item]) =>
    Object.entries(item as Json).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, op: op as Json })),
  );

test('the document passes @readme/openapi-parser validation', async ({ doc }) => {
  const result = await validate(structuredClone(doc) as Parameters<typeof validate>[0]);
  assert.ok(result.valid, JSON.stringify(result).slice(0, 2000));
});

test('every operation declares a 2xx with content (or a 204) and at least one problem', ({ doc }) => {
  const ops = operations(doc);
  assert.ok(ops.length >= 75, `only ${ops.length} operations`);
  for (const { name, op } of ops) {
    const statuses = Object.keys(op.responses);
    const success = statuses.filter((s) => s.startsWith('2'));
    assert.is(success.length, 1, `${name}: one success status`);
    const ok = op.responses[success[0]];
    assert.ok(success[0] === '204' || ok.content, `${name}: success has content`);
    if (name === 'GET /health' || name === 'GET /metrics') continue; // public: nothing to refuse
    const problems = statuses.filter((s) => Number(s) >= 400);
    assert.ok(problems.length > 0, `${name}: no problem declared`);
    for (const s of problems)
      assert.equal(
        op.responses[s].content['application/problem+json'].schema,
        { $ref: '#/components/schemas/Problem' },
        `${name} ${s}`,
      );
  }
});

test('creates declare 201 with ETag and Location; commands take Idempotency-Key and If-Match', ({ doc }) => {
  const create = doc.paths['/partners'].post;
  assert.ok(create.responses['201'], 'POST /partners answers 201');
  assert.equal(Object.keys(create.responses['201'].headers).sort(), ['ETag', 'Location']);
  assert.equal(create.responses['201'].content['application/json'].schema, {
    $ref: '#/components/schemas/CommandResult',
  });
  const headers = create.parameters.filter((p: Json) => p.in === 'header').map((p: Json) => p.name);
  for (const h of ['idempotency-key', 'if-match']) assert.ok(headers.includes(h), h);
  assert.ok(doc.paths['/partners/{id}/approve'].post.responses['200']);
  assert.ok(doc.paths['/partners/{id}'].get.responses['200'].headers.ETag);
});

test('named components, formats and the NDJSON export', ({ doc }) => {
  const schemas = doc.components.schemas;
  for (const name of ['Partner', 'Deal', 'Money', 'Problem', 'CommandResult', 'PartnerPage', 'DealPage'])
    assert.ok(schemas[name], name);
  assert.is(schemas.Partner.properties.appliedAt.format, 'date-time');
  assert.is(schemas.Partner.properties.website.format, 'uri');
  assert.is(schemas.Person.properties.email.format, 'email');
  assert.is(schemas.Deal.properties.expectedCloseDate.format, 'date');
  assert.ok(schemas.CountryCode.enum.includes('DE'));
  assert.is(schemas.Money.properties.currency.pattern, '^[A-Z]{3}$');
  assert.ok(schemas.Problem.properties.code.enum.includes('invalid_state'));
  const body = doc.paths['/people'].post.requestBody.content['application/json'].schema;
  assert.is(body.properties.email.format, 'email');
  const exported = doc.paths['/audit/export'].get.responses['200'].content;
  assert.equal(Object.keys(exported), ['application/x-ndjson']);
});

test('the response check refuses an undeclared status and a body its schema refuses', async () => {
  const app = Fastify();
  useZodSchemas(app);
  checkResponsesAgainstContract(app);
  await app.register(swagger, { openapi: { openapi: '3.1.0', info: { title: 't', version: '1' } }, ...openApiTransforms() });
  const contract = contractOf({}, { kind: 'query', status: 200, body: z.object({ n: z.number() }), headers: [] });
  app.get('/n/:answer', { schema: { contract } }, async (request, reply) => {
    const { answer } = request.params as { answer: string };
    if (answer === 'teapot') return reply.code(418).send({ n: 1 });
    return { n: answer === 'good' ? 1 : 'one' };
  });
  await app.ready();
  const before = contractViolations.length;
  const exitCode = process.exitCode;
  await app.inject({ method: 'GET', url: '/n/good' });
  assert.is(contractViolations.length, before, 'a matching body passes');
  await app.inject({ method: 'GET', url: '/n/bad' });
  await app.inject({ method: 'GET', url: '/n/teapot' });
  const seen = contractViolations.splice(before);
  // The deliberate violations must not fail this file.
  process.exitCode = exitCode;
  assert.is(seen.length, 2, seen.join('\n'));
  assert.match(seen[0], /body does not match/);
  assert.match(seen[1], /418: status not declared/);
  await app.close();
});

test.run();
