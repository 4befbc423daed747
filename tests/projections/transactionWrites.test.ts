/**
 * Writes a projection gathers over one transaction and makes in its settle: at once without the
 * runner's `begin`, one per key within a transaction (a tally's sum of zero not written), at once
 * again after the settle, and a rolled-back transaction's dropped at the next `begin`. Then, on a
 * migrated SQLite file, the partner directory's and the scorecards' employee counts, and the version a
 * person's certifications give them: the transaction's latest, never back over a later event's.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { sqliteStatements } from '../../infra/sql/sqliteSqlDb.js';
import type { SqlDb } from '../../infra/sql/sqlDb.js';
import { partnersProjection } from '../../projections/partner/partnersProjection.js';
import { peopleProjection } from '../../projections/person/peopleProjection.js';
import { transactionTally } from '../../projections/runner/transactionWrites.js';
import { scorecardsProjection } from '../../projections/scorecard/scorecardsProjection.js';
import { openCounterStore, type CounterStore } from '../commands/counterFixture.js';
import { partnerApplied, projectionEvents } from './projectionEvents.js';

const tally = suite('transaction tally');

const writes = () => {
  const written: [string, number][] = [];
  const t = transactionTally<object>(async (_db, key, amount) => written.push([key, amount]));
  return { written, t };
};

tally('without a begin, each amount is written at once', async () => {
  const { written, t } = writes();
  const db = {};
  await t.add(db, 'a', 1);
  await t.add(db, 'a', 1);
  assert.equal(written, [
    ['a', 1],
    ['a', 1],
  ]);
});

tally('within a transaction: one write per key at the settle, none for a sum of zero', async () => {
  const { written, t } = writes();
  const db = {};
  t.begin(db);
  for (const [key, amount] of [
    ['a', 1],
    ['b', 1],
    ['a', 1],
    ['b', -1],
    ['a', -1],
    ['a', 1],
  ] as const)
    await t.add(db, key, amount);
  assert.equal(written, []);
  await t.settle(db);
  assert.equal(written, [['a', 2]]);
  await t.add(db, 'c', 1);
  assert.equal(
    written,
    [
      ['a', 2],
      ['c', 1],
    ],
    'after the settle, at once again',
  );
});

tally('the next begin drops a rolled-back transaction’s sums; handles are apart', async () => {
  const { written, t } = writes();
  const [db, other] = [{}, {}];
  t.begin(db);
  await t.add(db, 'a', 5);
  await t.add(other, 'a', 1);
  t.begin(db);
  await t.add(db, 'a', 1);
  await t.settle(db);
  assert.equal(written, [
    ['a', 1],
    ['a', 1],
  ]);
});

tally.run();

interface Ctx {
  s: CounterStore;
  db: SqlDb;
  apply: ReturnType<typeof projectionEvents>;
}
const migrated = suite<Ctx>('read models written once a transaction');
migrated.before.each(async (ctx) => {
  ctx.s = await openCounterStore();
  ctx.db = sqliteStatements(ctx.s.connection.db);
  ctx.apply = projectionEvents(ctx.db);
});
migrated.after.each((ctx) => ctx.s.dispose());

migrated('the directory and the scorecards count joins less leaves, in one transaction or apart', async (ctx) => {
  const { apply, db } = ctx;
  const employees = (table: string, id: string) =>
    (
      ctx.s.connection.db.prepare(`SELECT employee_count AS n FROM ${table} WHERE partner_id = ?`).get(id) as {
        n: number;
      }
    ).n;
  for (const p of [partnersProjection, scorecardsProjection]) {
    for (const id of ['ptr_a', 'ptr_b']) await apply(p, `partner-${id}`, 'PartnerApplied', partnerApplied(id));
    await apply(p, 'person-per_w', 'EmployeeJoined', { partnerId: 'ptr_b', role: 'sales' });
    p.begin?.(db);
    for (const person of ['per_x', 'per_y', 'per_z'])
      await apply(p, `person-${person}`, 'EmployeeJoined', { partnerId: 'ptr_a', role: 'sales' });
    await apply(p, 'person-per_y', 'EmployeeLeft', { partnerId: 'ptr_a' });
    await apply(p, 'person-per_w', 'EmployeeLeft', { partnerId: 'ptr_b' });
    await apply(p, 'person-per_w', 'EmployeeJoined', { partnerId: 'ptr_a', role: 'admin' });
    const table = p === partnersProjection ? 'partners' : 'scorecard_partners';
    assert.equal([employees(table, 'ptr_a'), employees(table, 'ptr_b')], [0, 1], `${table}: not yet`);
    await p.settle?.(db);
    assert.equal([employees(table, 'ptr_a'), employees(table, 'ptr_b')], [3, 0], table);
  }
});

migrated('a person’s certifications give them the transaction’s latest version, never an older one', async (ctx) => {
  const { apply, db } = ctx;
  const people = peopleProjection;
  const person = () =>
    ctx.s.connection.db.prepare("SELECT version, updated_at FROM people WHERE person_id = 'per_x'").get() as {
      version: number;
      updated_at: string;
    };
  const at = (position: number) => new Date(Date.UTC(2026, 11, 1, 0, 0, position)).toISOString();
  const earned = (n: number) => ({
    programId: `prg_${n}`,
    earnedAt: '2026-12-01T00:00:00.000Z',
    expiresAt: '2027-12-01T00:00:00.000Z',
  });
  await apply(people, 'person-per_x', 'PersonRegistered', { personId: 'per_x', name: 'X', email: 'x@example.com' });
  await apply(people, 'person-per_x', 'CertificationEarned', earned(1));
  assert.equal(person(), { version: 2, updated_at: at(2) }, 'without a begin: at once');
  people.begin?.(db);
  await apply(people, 'person-per_x', 'CertificationEarned', earned(2));
  await apply(people, 'person-per_x', 'CertificationRevoked', { programId: 'prg_1', reason: 'exam fraud' });
  assert.equal(person(), { version: 2, updated_at: at(2) }, 'not before the settle');
  await people.settle?.(db);
  assert.equal(person(), { version: 4, updated_at: at(4) });
  people.begin?.(db);
  await apply(people, 'person-per_x', 'CertificationEarned', earned(3));
  await apply(people, 'person-per_x', 'EmployeeJoined', { partnerId: 'ptr_a', role: 'sales' });
  await people.settle?.(db);
  assert.equal(person(), { version: 6, updated_at: at(6) }, 'the join, a later event, written at once, stands');
});

migrated.run();
