/**
 * What a projection keeps of its own rows for one transaction: nothing before the runner's `begin`,
 * each key read once within it, what its handlers wrote answered without a read, a changed key read
 * again, and everything forgotten at the next `begin`. Then the two projections that keep rows so, on
 * a migrated SQLite file: the access model copies a partner onto each joining person as the
 * transaction last changed the partner, and the scorecards read a person's employer once a transaction.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { sqliteStatements } from '../../infra/sql/sqliteSqlDb.js';
import type { SqlDb } from '../../infra/sql/sqlDb.js';
import { accessProjection } from '../../projections/access/accessProjection.js';
import type { Projection } from '../../projections/runner/projection.js';
import { transactionMemo } from '../../projections/runner/transactionMemo.js';
import { scorecardsProjection } from '../../projections/scorecard/scorecardsProjection.js';
import { openCounterStore, type CounterStore } from '../commands/counterFixture.js';
import { partnerApplied, projectionEvents } from './projectionEvents.js';

const memo = suite('transaction memo');

const reading = () => {
  const reads: string[] = [];
  const read = (key: string) => async () => {
    reads.push(key);
    return `row of ${key}`;
  };
  return { reads, read };
};

memo('before any begin, every recall reads', async () => {
  const m = transactionMemo<object, string>();
  const db = {};
  const { reads, read } = reading();
  m.remember(db, 'a', 'written');
  assert.is(await m.recall(db, 'a', read('a')), 'row of a');
  assert.is(await m.recall(db, 'a', read('a')), 'row of a');
  assert.equal(reads, ['a', 'a']);
});

memo('within a transaction: each key read once, written keys not at all, forgotten keys again', async () => {
  const m = transactionMemo<object, string | undefined>();
  const db = {};
  const { reads, read } = reading();
  m.begin(db);
  assert.is(await m.recall(db, 'a', read('a')), 'row of a');
  assert.is(await m.recall(db, 'a', read('a')), 'row of a');
  m.remember(db, 'b', 'written');
  assert.is(await m.recall(db, 'b', read('b')), 'written');
  m.remember(db, 'c', undefined);
  assert.is(await m.recall(db, 'c', read('c')), undefined, 'a row known to be missing is not read');
  m.forget(db, 'a');
  assert.is(await m.recall(db, 'a', read('a')), 'row of a');
  assert.equal(reads, ['a', 'a']);
});

memo('the next begin forgets the last transaction, and handles are apart', async () => {
  const m = transactionMemo<object, string>();
  const [db, other] = [{}, {}];
  const { reads, read } = reading();
  m.begin(db);
  m.begin(other);
  m.remember(db, 'a', 'rolled back');
  assert.is(await m.recall(other, 'a', read('a')), 'row of a');
  m.begin(db);
  assert.is(await m.recall(db, 'a', read('a')), 'row of a');
  assert.equal(reads, ['a', 'a']);
});

memo.run();

interface Ctx {
  s: CounterStore;
  db: SqlDb;
  /** SELECTs run so far, by their SQL text. */
  selects: string[];
  apply: ReturnType<typeof projectionEvents>;
}
const handlers = suite<Ctx>('projections keeping rows for a transaction');

handlers.before.each(async (ctx) => {
  ctx.s = await openCounterStore();
  const statements = sqliteStatements(ctx.s.connection.db);
  ctx.selects = [];
  ctx.db = {
    ...statements,
    prepare: (sql) => {
      const prepared = statements.prepare(sql);
      return {
        ...prepared,
        get: (params) => {
          ctx.selects.push(sql);
          return prepared.get(params);
        },
      };
    },
  };
  ctx.apply = projectionEvents(ctx.db);
});
handlers.after.each((ctx) => ctx.s.dispose());

const apply = (ctx: Ctx, p: Projection, streamId: string, type: string, data: object) =>
  ctx.apply(p, streamId, type, data);
const principal = (ctx: Ctx, personId: string) =>
  ctx.s.connection.db
    .prepare('SELECT partner_status, partner_tier FROM access_principals WHERE person_id = ?')
    .get(personId);

handlers('access: each joining person gets the partner as the transaction last changed it', async (ctx) => {
  const access = accessProjection;
  access.begin?.(ctx.db);
  await apply(ctx, access, 'partner-ptr_a', 'PartnerApplied', partnerApplied('ptr_a'));
  for (const id of ['per_x', 'per_y', 'per_z'])
    await apply(ctx, access, `person-${id}`, 'PersonRegistered', {
      personId: id,
      name: id,
      email: `${id}@example.com`,
    });
  await apply(ctx, access, 'person-per_x', 'EmployeeJoined', { partnerId: 'ptr_a', role: 'sales' });
  await apply(ctx, access, 'partner-ptr_a', 'PartnerApproved', { tier: 'gold' });
  await apply(ctx, access, 'person-per_y', 'EmployeeJoined', { partnerId: 'ptr_a', role: 'sales' });
  await apply(ctx, access, 'person-per_z', 'EmployeeJoined', { partnerId: 'ptr_a', role: 'admin' });
  // per_x joined before the approval, and the approval's update of every employee reached them.
  assert.equal(principal(ctx, 'per_x'), { partner_status: 'approved', partner_tier: 'gold' });
  assert.equal(principal(ctx, 'per_y'), { partner_status: 'approved', partner_tier: 'gold' });
  assert.equal(principal(ctx, 'per_z'), { partner_status: 'approved', partner_tier: 'gold' });
  const partnerReads = ctx.selects.filter((s) => s.includes('FROM access_partners'));
  assert.is(partnerReads.length, 1, 'read once after the approval, not for the join before it');
});

handlers('scorecards: a person’s employer is read once a transaction, and not after they joined in it', async (ctx) => {
  const scorecards = scorecardsProjection;
  const earned = (n: number) => ({
    programId: `prg_${n}`,
    earnedAt: '2026-12-01T00:00:00.000Z',
    expiresAt: '2027-12-01T00:00:00.000Z',
  });
  const employerReads = () => ctx.selects.filter((s) => s.includes('FROM scorecard_people')).length;
  await apply(ctx, scorecards, 'partner-ptr_a', 'PartnerApplied', partnerApplied('ptr_a'));
  await apply(ctx, scorecards, 'person-per_x', 'EmployeeJoined', { partnerId: 'ptr_a', role: 'sales' });
  scorecards.begin?.(ctx.db);
  await apply(ctx, scorecards, 'person-per_x', 'CertificationEarned', earned(1));
  await apply(ctx, scorecards, 'person-per_x', 'CertificationEarned', earned(2));
  assert.is(employerReads(), 1);
  await apply(ctx, scorecards, 'person-per_y', 'EmployeeJoined', { partnerId: 'ptr_a', role: 'sales' });
  await apply(ctx, scorecards, 'person-per_y', 'CertificationEarned', earned(1));
  await apply(ctx, scorecards, 'person-per_x', 'EmployeeLeft', { partnerId: 'ptr_a' });
  await apply(ctx, scorecards, 'person-per_x', 'CertificationEarned', earned(3));
  assert.is(employerReads(), 1);
  await scorecards.settle?.(ctx.db);
  const row = ctx.s.connection.db
    .prepare('SELECT certified_expiries FROM scorecard_partners WHERE partner_id = ?')
    .get('ptr_a') as { certified_expiries: string };
  assert.equal(JSON.parse(row.certified_expiries), [Date.parse('2027-12-01T00:00:00.000Z')], 'per_y only');
  scorecards.begin?.(ctx.db);
  await apply(ctx, scorecards, 'person-per_y', 'CertificationEarned', earned(2));
  assert.is(employerReads(), 2, 'the next transaction reads again');
});

handlers.run();
