/**
 * The KPIs' arithmetic gives the same figure in TypeScript (the API) and in SQL (the views), to the last
 * digit, for any inputs: percentages and growth (negative included, halves rounded away from zero on
 * both sides), days between instants, hours. SQLite here; the PostgreSQL suite runs the views themselves.
 */
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { render, type Expr } from '../../projections/analytics/analyticsSql.js';
import {
  days,
  daysSql,
  growthPct,
  growthPctSql,
  hours,
  hoursSql,
  pct,
  pctSql,
} from '../../projections/analytics/kpiArithmetic.js';

const db = new Database(':memory:');
const evaluate = (e: Expr, params: Record<string, unknown>) =>
  (db.prepare(`SELECT ${render(e, 'sqlite')} AS v`).get(params) as { v: number | null }).v;

const amount = fc.oneof(fc.integer({ min: 0, max: 1_000 }), fc.integer({ min: 0, max: 1_000_000_000_000 }));
const instant = fc
  .integer({ min: Date.parse('2020-01-01'), max: Date.parse('2030-01-01') })
  .map((ms) => new Date(ms).toISOString());

const test = suite('KPI arithmetic: TypeScript and SQL agree');

test('percentages (null when the whole is zero)', () => {
  fc.assert(
    fc.property(amount, amount, (part, whole) => {
      assert.is(evaluate(pctSql(':part', ':whole'), { part, whole }), pct(part, whole));
    }),
    { numRuns: 2000 },
  );
  assert.is(pct(1, 3), 33.33);
  assert.is(pct(1, 0), null);
  assert.is(evaluate(pctSql(':part', ':whole'), { part: 1, whole: 0 }), null);
});

test('growth, negative too, with halves rounded away from zero on both sides', () => {
  fc.assert(
    fc.property(amount, amount, (current, previous) => {
      assert.is(evaluate(growthPctSql(':current', ':previous'), { current, previous }), growthPct(current, previous));
    }),
    { numRuns: 2000 },
  );
  // (7 - 32) / 32 = -78.125%: the half goes away from zero in both.
  assert.is(growthPct(7, 32), -78.13);
  assert.is(evaluate(growthPctSql(':current', ':previous'), { current: 7, previous: 32 }), -78.13);
  assert.is(growthPct(5, 0), null);
});

test('days between two instants (one decimal, never negative, null without both)', () => {
  fc.assert(
    fc.property(instant, instant, (from, to) => {
      assert.is(evaluate(daysSql(':from', ':to'), { from, to }), days(from, to));
    }),
    { numRuns: 2000 },
  );
  assert.is(evaluate(daysSql(':from', ':to'), { from: null, to: '2026-01-01T00:00:00.000Z' }), null);
  assert.is(days(null, '2026-01-01T00:00:00.000Z'), null);
});

test('hours from seconds', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 400 * 86_400 }), (s) => {
      assert.is(evaluate(hoursSql(':s'), { s }), hours(s));
    }),
    { numRuns: 2000 },
  );
});

test.run();
