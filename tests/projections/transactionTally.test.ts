/**
 * Counters a projection sums over one transaction and writes in its settle: at once without the
 * runner's `begin`, summed per key within a transaction (a sum of zero not written), written at
 * once again after the settle, and a rolled-back transaction's sums dropped at the next `begin`. Then
 * the partner directory's and the scorecards' employee counts on a migrated SQLite file.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { StoredEvent } from '../../eventstore/port.js';
import { sqliteStatements } from '../../infra/sql/sqliteSqlDb.js';
import { partnersProjection } from '../../projections/partner/partnersProjection.js';
import type { Projection } from '../../projections/runner/projection.js';
import { transactionTally } from '../../projections/runner/transactionTally.js';
import { scorecardsProjection } from '../../projections/scorecard/scorecardsProjection.js';
import { openCounterStore } from '../commands/counterFixture.js';

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

const counts = suite('employee counts written once a transaction');

counts('the directory and the scorecards count joins less leaves, in one transaction or apart', async () => {
  const s = await openCounterStore();
  try {
    const db = sqliteStatements(s.connection.db);
    let position = 0;
    const apply = (p: Projection, streamId: string, type: string, data: object) => {
      position++;
      const event: StoredEvent = {
        position,
        streamId,
        version: position,
        eventId: `evt_tally${position}`,
        type,
        schemaVersion: type === 'PartnerApplied' ? 2 : 1,
        data,
        metadata: { actor: { kind: 'system', id: 'test' }, commandId: 'cmd_tally', correlationId: 'cmd_tally' },
        recordedAt: new Date(Date.UTC(2026, 11, 1, 0, 0, position)).toISOString(),
        hash: `hash${position}`,
      };
      return p.apply(db, event);
    };
    const partner = (id: string) => ({
      partnerId: id,
      name: `Partner ${id}`,
      website: `https://${id}.example.com`,
      domain: `${id}.example.com`,
      country: 'DE',
      region: 'emea',
      type: 'reseller',
    });
    const employees = (table: string, id: string) =>
      (
        s.connection.db.prepare(`SELECT employee_count AS n FROM ${table} WHERE partner_id = ?`).get(id) as {
          n: number;
        }
      ).n;
    for (const p of [partnersProjection, scorecardsProjection]) {
      for (const id of ['ptr_a', 'ptr_b']) await apply(p, `partner-${id}`, 'PartnerApplied', partner(id));
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
  } finally {
    s.dispose();
  }
});

counts.run();
