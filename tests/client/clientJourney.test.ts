/**
 * A generated client compiles against the real API: types generated from a live server's
 * /openapi.json with openapi-typescript, the committed journey (journey.ts, openapi-fetch, no casts)
 * type-checked with tsc --strict, then run against that server over a listening socket.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ADMIN_KEY, startTestApp, type TestApp } from '../support/testApp.js';

const here = new URL('.', import.meta.url).pathname;
const test = suite<{ t: TestApp; baseUrl: string }>('client: a generated client against a live server');
test.before(async (ctx) => {
  ctx.t = await startTestApp();
  await ctx.t.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = ctx.t.app.server.address() as AddressInfo;
  ctx.baseUrl = `http://127.0.0.1:${port}`;
});
test.after(async (ctx) => ctx.t?.dispose());

test('types generated from /openapi.json type-check the journey under tsc --strict', async ({ baseUrl }) => {
  const ast = await openapiTS(new URL(`${baseUrl}/openapi.json`));
  mkdirSync(join(here, 'generated'), { recursive: true });
  writeFileSync(join(here, 'generated/api.d.ts'), astToString(ast));
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const run = spawnSync(process.execPath, [tsc, '-p', join(here, 'tsconfig.json')], { encoding: 'utf8' });
  assert.is(run.status, 0, `tsc --strict refused the journey:\n${run.stdout}${run.stderr}`);
});

test('the journey has no casts', () => {
  const code = readFileSync(join(here, 'journey.ts'), 'utf8')
    .split('\n')
    .filter((line) => !/^\s*(\/\/|\/?\*)/.test(line));
  for (const line of code) {
    assert.not.match(line, /\bas\s+(?!const\b)[\w{[]/, `a cast: ${line}`);
    assert.not.match(line, /[\w)\]]!(?![=])/, `a non-null assertion: ${line}`);
    assert.not.match(line, /\bany\b/, `any: ${line}`);
  }
});

test('the journey runs green against the live server', async ({ t, baseUrl }) => {
  const { clientJourney } = await import('./journey.js');
  const outcome = await clientJourney(baseUrl, ADMIN_KEY);
  assert.is(outcome.me, 'api-client');
  assert.is(outcome.conflict, 'invalid_state');
  assert.is(outcome.dealVersion, 2);
  assert.is(outcome.registeredDeals, 1);
  assert.is(outcome.certifiedPeople, 1);
  assert.is(outcome.mdfApproved, 400_000);
  assert.match(outcome.claim, /^clm_/);
  const stream = await t.get(`/audit/streams/partner-${outcome.partner}`);
  assert.ok(JSON.stringify(stream.body).includes(`"id":"${outcome.clientId}"`), 'events name the API client');
});

test.run();
