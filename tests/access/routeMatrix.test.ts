/**
 * The role × route matrix (DESIGN §6): every registered route must have a row in routeTable.ts, and
 * every row is tried as every role (vendor admin, channel managers of the partner's region and of
 * another, auditor, analyst, partner admin/manager/sales of the own and of a foreign partner, technical,
 * marketing, a departed employee, no token), each expected status asserted; a refused request must
 * append nothing.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { maybe } from '../support/json.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import { buildWorld, roles, type MatrixWorld } from './matrixWorld.js';
import { registeredRoutes } from './registeredRoutes.js';
import { routeTable } from './routeTable.js';

const test = suite<{ t: TestApp; w: MatrixWorld }>('role × route matrix');
test.before(async (ctx) => {
  ctx.t = await startTestApp();
  ctx.w = await buildWorld(ctx.t);
});
test.after(async (ctx) => ctx.t?.dispose());

const key = (r: { method: string; url: string }) => `${r.method} ${r.url}`;

test('every registered route has a row in tests/access/routeTable.ts', ({ t }) => {
  const rows = new Set(routeTable.map(key));
  const missing = registeredRoutes(t.app)
    .map(key)
    .filter((k) => !rows.has(k));
  assert.ok(
    missing.length === 0,
    `${missing.length} routes without a row in tests/access/routeTable.ts (add one per route):\n ` +
      ` ${missing.join('\n  ')}`,
  );
});

test('every row names a registered route, once', ({ t }) => {
  const registered = new Set(registeredRoutes(t.app).map(key));
  const keys = routeTable.map(key);
  assert.equal(
    keys.filter((k) => !registered.has(k)),
    [],
    'rows for routes that do not exist',
  );
  assert.equal(
    keys.filter((k, i) => keys.indexOf(k) !== i),
    [],
    'duplicate rows',
  );
});

test('every row, as every role: the expected status, and nothing appended when refused', async ({ t, w }) => {
  const mismatches: string[] = [];
  let attempts = 0;
  for (const row of routeTable) {
    for (const role of roles) {
      const expected = row.expect[role];
      const attempt = await row.attempt(w, role, expected >= 200 && expected < 300);
      const before = await t.eventCount();
      const r = await t.request(row.method, attempt.url, attempt.body, w.token(role));
      attempts += 1;
      const appended = (await t.eventCount()) - before;
      if (r.status !== expected)
        mismatches.push(
          `${key(row)} as ${role}: expected ${expected}, ` +
            `got ${r.status} ${maybe(r.body, 'code') ?? ''} ${maybe(r.body, 'detail') ?? ''}`.trim(),
        );
      else if (r.status >= 400 && appended > 0)
        mismatches.push(`${key(row)} as ${role}: refused with ${r.status} but appended ${appended} event(s)`);
    }
  }
  assert.ok(
    mismatches.length === 0,
    `${mismatches.length} of ${attempts} attempts differ from the table:\n  ${mismatches.join('\n  ')}`,
  );
  assert.is(attempts, routeTable.length * roles.length);
});

test.run();
