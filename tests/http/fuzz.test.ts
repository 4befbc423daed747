/**
 * "No input ever yields a 5xx or appends an event when it is rejected" (DESIGN §6), checked with
 * fast-check on every foundation command route: arbitrary JSON bodies, valid bodies with one field
 * replaced by arbitrary JSON, arbitrary text, arbitrary path segments and headers.
 */
import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Response, TestApp } from '../support/testApp.js';
import { startTestApp } from '../support/testApp.js';
import { commandCatalog, type CommandCase } from './commandCatalog.js';
import { quiescent } from './fixtures.js';

const test = suite<{ t: TestApp; cases: CommandCase[] }>('HTTP fuzz: no 5xx, and a refusal appends nothing');
test.before(async (ctx) => {
  ctx.t = await startTestApp();
  ctx.cases = await commandCatalog(ctx.t);
});
test.after(async (ctx) => ctx.t?.dispose());

/** Sends, then checks the promise: a 4xx is problem+json and the log did not grow; never a 5xx. */
const check = async (t: TestApp, send: () => Promise<Response>, what: string) => {
  const before = await quiescent(t);
  const r = await send();
  assert.ok(r.status < 500, `${what}: ${r.status} ${JSON.stringify(r.body)}`);
  if (r.status >= 400) {
    assert.match(String(r.headers['content-type']), /^application\/problem\+json/, what);
    assert.is(await t.eventCount(), before, `${what}: refused with ${r.status} but appended`);
  }
};

const runs = { numRuns: 150 };

test('arbitrary JSON bodies', async ({ t, cases }) => {
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 0, max: cases.length - 1 }), fc.jsonValue({ maxDepth: 3 }), async (i, body) => {
      const c = cases[i];
      await check(
        t,
        () => t.request(c.method, c.url, JSON.stringify(body)),
        `${c.method} ${c.route} ${JSON.stringify(body)}`,
      );
    }),
    runs,
  );
});

test('valid bodies with one field replaced, added or removed', async ({ t, cases }) => {
  const field = fc.oneof(
    fc.constantFrom('name', 'tier', 'region', 'amount', 'role', 'personId', 'programId', 'reason', 'productLines'),
    fc.string({ maxLength: 12 }),
  );
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 0, max: cases.length - 1 }),
      field,
      fc.option(fc.jsonValue({ maxDepth: 2 })),
      async (i, key, value) => {
        const c = cases[i];
        const body: Record<string, unknown> = { ...c.body };
        if (value === null) delete body[key];
        else body[key] = value;
        await check(t, () => t.request(c.method, c.url, body), `${c.method} ${c.route} ${JSON.stringify(body)}`);
      },
    ),
    runs,
  );
});

test('arbitrary text as a JSON body', async ({ t, cases }) => {
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 0, max: cases.length - 1 }),
      fc.string({ unit: 'binary', maxLength: 64 }),
      async (i, text) => {
        const c = cases[i];
        await check(t, () => t.request(c.method, c.url, text), `${c.method} ${c.route} ${JSON.stringify(text)}`);
      },
    ),
    runs,
  );
});

test('arbitrary path segments and headers', async ({ t, cases }) => {
  const header = fc.record(
    {
      'if-match': fc.string({ maxLength: 20 }),
      'idempotency-key': fc.string({ maxLength: 20 }),
      'x-correlation-id': fc.string({ maxLength: 200 }),
    },
    { requiredKeys: [] },
  );
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 0, max: cases.length - 1 }),
      fc.string({ maxLength: 30 }),
      header,
      async (i, segment, headers) => {
        const c = cases[i];
        const url = c.url.replace(/(ptr|per|prg)_[\w-]+/, encodeURIComponent(segment));
        // Header values must be sendable at all: fastify.inject refuses control characters itself.
        const sendable = Object.fromEntries(
          Object.entries(headers).filter(([, v]) => /^[\x20-\x7e]*$/.test(v as string)),
        ) as Record<string, string>;
        await check(
          t,
          () => t.request(c.method, url, c.body, undefined, sendable),
          `${c.method} ${url} ${JSON.stringify(sendable)}`,
        );
      },
    ),
    runs,
  );
});

test.run();
