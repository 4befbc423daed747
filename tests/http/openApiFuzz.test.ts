/**
 * "Bad input of any shape gets a problem+json 4xx and changes nothing" (DESIGN §10), over every route
 * /openapi.json lists, driven by the document itself: bodies generated from each request schema, then
 * mutated by type, size, nesting, Unicode, missing and extra fields; path parameters and query strings
 * generated, long, percent-encoded or broken. Every answer is below 500; every refusal is
 * problem+json and appends nothing. A fixed number of cases per route from a fixed seed (FUZZ_SEED
 * to change it); a failure prints the seed and the route.
 */
import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { maybe } from '../support/json.js';
import { ADMIN_KEY, startTestApp, type Response, type TestApp } from '../support/testApp.js';
import { commandCatalog } from './commandCatalog.js';
import { quiescent } from './fixtures.js';
import {
  arbitraryOf,
  mutate,
  mutation,
  riskyText,
  serialize,
  type JsonSchema,
  type Mutation,
} from './jsonSchemaArbitrary.js';

interface Parameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header';
  readonly schema?: JsonSchema;
}
interface Operation {
  readonly method: string;
  readonly path: string;
  readonly parameters: readonly Parameter[];
  readonly body?: JsonSchema;
}

const SEED = Number(process.env.FUZZ_SEED ?? 11_2026);
const BODY_CASES = 6;
const URL_CASES = 4;

const test = suite<{ t: TestApp; operations: Operation[]; ids: string[] }>(
  'HTTP fuzz from /openapi.json: every route, no 5xx, a refusal is problem+json and appends nothing',
);
test.before(async (ctx) => {
  ctx.t = await startTestApp();
  await commandCatalog(ctx.t);
  const doc = (await ctx.t.get('/openapi.json')).body as {
    paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: unknown; responses?: unknown }>>;
  };
  ctx.operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods)
      // A stream of server-sent events never ends: nothing to fuzz with a request that waits for its end.
      .filter(([, op]) => !path.endsWith('/stream') && !JSON.stringify(op.responses ?? {}).includes('event-stream'))
      .map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        parameters: op.parameters ?? [],
        body: (op.requestBody as { content?: Record<string, { schema?: JsonSchema }> } | undefined)?.content?.[
          'application/json'
        ]?.schema,
      })),
  );
  // Real ids of every kind, from the log: path parameters that reach the deeper checks.
  const ids = new Set<string>();
  for await (const e of ctx.t.platform.store.readAll())
    for (const m of JSON.stringify(e).matchAll(/"((?:ptr|per|prg|deal|mdf|req|clm|cnt)_[\w-]{6,40})"/g)) ids.add(m[1]);
  ctx.ids = [...ids];
});
test.after(async (ctx) => ctx.t?.dispose());

/** Sends, then checks the promise: never a 5xx; a 4xx is problem+json and the log did not grow. */
const check = async (t: TestApp, send: () => Promise<Response>, what: () => string) => {
  const before = await quiescent(t);
  const r = await send();
  assert.ok(r.status < 500, `${what()}: ${r.status} ${JSON.stringify(r.body)?.slice(0, 300)}`);
  if (r.status >= 400) {
    assert.match(String(r.headers['content-type']), /^application\/problem\+json/, what());
    assert.is(maybe(r.body, 'status'), r.status, what());
    assert.type(maybe(r.body, 'code'), 'string', what());
    assert.is(await t.eventCount(), before, `${what()}: refused with ${r.status} but appended`);
  }
};

/**
 * Percent-encodes any string, lone surrogates included (as the bytes WTF-8 gives them, which are no
 * valid UTF-8: what a hostile client sends), where encodeURIComponent would throw.
 */
const encodeAny = (s: string) =>
  s.replace(/[\uD800-\uDFFF]|[^\uD800-\uDFFF]+/gu, (part) => {
    const c = part.charCodeAt(0);
    if (part.length > 1 || c < 0xd800 || c > 0xdfff) return encodeURIComponent(part);
    return [0xed, 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
  });

/** A path parameter: a real id, one its schema allows, or something hostile. */
const pathValue = (schema: JsonSchema | undefined, ids: string[]) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...ids).map(encodeURIComponent) },
    { weight: 2, arbitrary: arbitraryOf(schema).map((v) => encodeAny(String(v))) },
    { weight: 2, arbitrary: riskyText.map(encodeAny) },
    { weight: 1, arbitrary: fc.integer({ min: 101, max: 4000 }).map((n) => `ptr_${'a'.repeat(n)}`) },
    { weight: 1, arbitrary: fc.constantFrom('%zz', '..', '%2e%2e', '%2F', 'a%00b', '%E0%A4%A', '%ED%A0%80', ' ') },
  );

/** A query string: declared parameters with fitting or hostile values, unknown ones, repeats, broken escapes. */
const queryOf = (params: readonly Parameter[]) =>
  fc
    .array(
      fc.oneof(
        ...params.map((p) =>
          fc
            .oneof(arbitraryOf(p.schema).map(String), riskyText, fc.string({ maxLength: 3000 }))
            .map((v) => `${p.name}=${encodeAny(p.name === 'wait' ? '0' : v)}`),
        ),
        fc.tuple(fc.string({ maxLength: 10 }), riskyText).map(([k, v]) => `${encodeAny(k)}=${encodeAny(v)}`),
        fc.constantFrom('limit=%zz', 'cursor=%', 'a[b]=1', '__proto__=1', 'constructor[prototype]=1', '&&=&'),
      ),
      { maxLength: 4 },
    )
    .map((pairs) => (pairs.length ? `?${pairs.join('&')}` : ''));

const urlOf = (o: Operation, values: Record<string, string>) =>
  o.path.replace(/\{(\w+)\}/g, (_m, name: string) => values[name] ?? 'x');

/** Big mutations last: they make the value expensive to walk. */
const order: Record<Mutation['op'], number> = { drop: 0, extra: 0, retype: 1, unicode: 1, deep: 2, huge: 2 };

const run = async <T extends unknown[]>(
  property: fc.IAsyncProperty<T>,
  seed: number,
  numRuns: number,
  route: string,
) => {
  try {
    await fc.assert(property, { seed, numRuns, endOnFailure: true, includeErrorInReport: true });
  } catch (error) {
    console.error(`fuzz failed on ${route}: rerun with FUZZ_SEED=${SEED} (property seed ${seed})`);
    throw error;
  }
};

test('bodies from each route schema, mutated', async ({ t, operations, ids }) => {
  const withBody = operations.filter((o) => o.method !== 'GET');
  assert.ok(withBody.length > 40, `only ${withBody.length} command routes`);
  for (const [i, o] of withBody.entries()) {
    const params = Object.fromEntries(o.parameters.filter((p) => p.in === 'path').map((p) => [p.name, p] as const));
    const property = fc.asyncProperty(
      fc.record(Object.fromEntries(Object.keys(params).map((name) => [name, fc.constantFrom(...ids)]))),
      arbitraryOf(o.body ?? { type: 'object', properties: {} }),
      fc.array(mutation, { maxLength: 3 }),
      async (values, valid, mutations) => {
        const body = [...mutations].sort((a, b) => order[a.op] - order[b.op]).reduce(mutate, valid);
        const url = urlOf(o, values as Record<string, string>);
        const text = serialize(body);
        await check(
          t,
          () => t.request(o.method, url, text),
          () => `${o.method} ${url} ${text.slice(0, 300)}`,
        );
      },
    );
    await run(property, SEED + i, BODY_CASES, `${o.method} ${o.path}`);
  }
});

test('path parameters and query strings, fitting or hostile', async ({ t, operations, ids }) => {
  for (const [i, o] of operations.entries()) {
    const params = o.parameters.filter((p) => p.in === 'path');
    const property = fc.asyncProperty(
      fc.record(Object.fromEntries(params.map((p) => [p.name, pathValue(p.schema, ids)]))),
      queryOf(o.parameters.filter((p) => p.in === 'query')),
      fc.constantFrom<string | null>(ADMIN_KEY, ADMIN_KEY, null, 'not-a-token'),
      async (values, query, token) => {
        const url = `${urlOf(o, values as Record<string, string>)}${query}`;
        const body = o.method === 'GET' ? undefined : {};
        await check(
          t,
          () => t.request(o.method, url, body, token),
          () => `${o.method} ${url} (token ${token})`,
        );
      },
    );
    await run(property, SEED + 1000 + i, URL_CASES, `${o.method} ${o.path}`);
  }
});

test.run();
