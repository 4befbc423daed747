import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { timeOrderedIds } from '../../app/timeOrderedIds.js';
import { createPlatform, type Platform } from '../../app/platform.js';
import { allProjections } from '../../projections/index.js';
import { activePartner, employee, expectStatus } from '../http/fixtures.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

/**
 * Two runners on one database file (a server and a CLI, or two servers): checkpoints are re-read in
 * every batch transaction, so each event is applied once even though both follow the log.
 */
const test = suite<{ t: TestApp; other: Platform }>('projections: two runners on one database');
test.before.each(async (ctx) => {
  ctx.t = await startTestApp();
  ctx.other = await createPlatform({
    databaseFile: join(ctx.t.dir, 'prm.db'),
    clock: ctx.t.clock,
    ids: timeOrderedIds(),
  });
});
test.after.each(async (ctx) => {
  await ctx.other.close();
  await ctx.t?.dispose();
});

const dump = async (p: Platform) => {
  const out: Record<string, unknown[]> = {};
  for (const projection of allProjections)
    for (const table of projection.tables) out[table] = await p.reader.all(`SELECT * FROM ${table} ORDER BY 1, 2`);
  return out;
};

test('both follow the log and every event is applied exactly once', async ({ t, other }) => {
  for (let i = 0; i < 4; i++) {
    const partner = await activePartner(t, { name: `Partner ${i}` });
    for (let j = 0; j < 3; j++) await employee(t, partner, 'sales');
  }
  const head = await t.eventCount();
  await other.runner.waitFor(head);
  await t.platform.runner.waitFor(head);
  const counts = await t.platform.reader.all<{ employee_count: number }>('SELECT employee_count FROM partners');
  assert.equal(
    counts.map((c) => Number(c.employee_count)),
    [3, 3, 3, 3],
  );
  const live = await dump(t.platform);
  await t.platform.runner.rebuild();
  assert.equal(await dump(t.platform), live);
});

test('a rebuild in one process while the other follows the log ends equal to a rebuild alone', async ({ t, other }) => {
  const partner = await activePartner(t);
  for (let j = 0; j < 5; j++) await employee(t, partner, 'technical');
  const rebuilding = other.runner.rebuild();
  expectStatus(await t.post(`/partners/${partner}/tier`, { tier: 'gold', reason: 'growth' }), 200);
  await rebuilding;
  const head = await t.eventCount();
  await other.runner.waitFor(head);
  await t.platform.runner.waitFor(head);
  const concurrent = await dump(t.platform);
  await t.platform.runner.rebuild();
  assert.equal(await dump(t.platform), concurrent);
  const row = await t.platform.reader.get<{ employee_count: number; tier: string }>(
    'SELECT employee_count, tier FROM partners WHERE partner_id = ?',
    [partner],
  );
  assert.equal({ ...row, employee_count: Number(row?.employee_count) }, { employee_count: 5, tier: 'gold' });
});

test.run();
