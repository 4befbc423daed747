/**
 * The analytics views on a fresh store: every declared version and every stable name exists with the
 * declared columns, in order and with the declared types; published versions never change; a stable
 * name follows the latest version and a version whose deprecation ended disappears; starting again
 * writes nothing; migrations run with the views out of the way.
 */
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { timeOrderedIds } from '../../app/timeOrderedIds.js';
import { createPlatform } from '../../app/platform.js';
import { manualClock } from '../../domain/shared/clock.js';
import { migrateToLatest } from '../../migrations/migrateToLatest.js';
import {
  analyticsViewDdl,
  analyticsViewVersions,
  currentAnalyticsViews,
} from '../../projections/analytics/analyticsViews.js';
import { analyticsTypes, versionedName, type AnalyticsView } from '../../projections/analytics/analyticsView.js';
import { syncAnalyticsViews } from '../../projections/analytics/syncAnalyticsViews.js';
import { dealsV1 } from '../../projections/analytics/views/dealViews.js';
import { V1_STORE } from '../fixtures/makeV1Store.js';
import { publishedViews } from './publishedViews.js';

const affinity = (declared: string) => {
  const t = declared.toUpperCase();
  if (t.includes('INT')) return 'INTEGER';
  if (/CHAR|CLOB|TEXT/.test(t)) return 'TEXT';
  if (/REAL|FLOA|DOUB/.test(t)) return 'REAL';
  return t === '' ? 'NONE' : 'NUMERIC';
};

const views = (db: Database.Database) =>
  new Map(
    (
      db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'view' ORDER BY name`).all() as {
        name: string;
        sql: string;
      }[]
    ).map((v) => [v.name, v.sql]),
  );
const columnsOf = (db: Database.Database, view: string) =>
  db.prepare(`PRAGMA table_info(${view})`).all() as { name: string; type: string }[];

const test = suite<{ dir: string; db: Database.Database }>('analytics views on a fresh store');
test.before(async (ctx) => {
  ctx.dir = mkdtempSync(join(tmpdir(), 'prm-analytics-'));
  ctx.db = new Database(join(ctx.dir, 'prm.db'));
  await migrateToLatest(new Kysely<unknown>({ dialect: new SqliteDialect({ database: ctx.db }) }));
  assert.ok(syncAnalyticsViews(ctx.db), 'the first sync creates the views');
});
test.after((ctx) => {
  ctx.db.close();
  rmSync(ctx.dir, { recursive: true, force: true });
});

test('every version and stable name exists, with the declared columns in order and of the declared types', ({ db }) => {
  const have = views(db);
  const problems: string[] = [];
  const check = (name: string, v: AnalyticsView) => {
    if (!have.has(name)) return problems.push(`${name}: no such view`);
    const actual = columnsOf(db, name);
    const declared = Object.entries(v.columns);
    if (actual.map((c) => c.name).join() !== declared.map(([n]) => n).join())
      problems.push(`${name}: columns ${actual.map((c) => c.name).join()}`);
    for (const [i, [column, c]] of declared.entries()) {
      const expected = affinity(analyticsTypes[c.type].sqlite);
      const got = affinity(actual[i]?.type ?? '');
      if (got !== expected) problems.push(`${name}.${column}: ${c.type} should have ${expected} affinity, has ${got}`);
    }
    db.prepare(`SELECT * FROM ${name}`).all();
  };
  for (const v of analyticsViewVersions) check(versionedName(v), v);
  // The stable name selects from the latest version.
  for (const v of currentAnalyticsViews) check(v.name, v);
  assert.equal(problems, []);
  assert.is(
    [...have.keys()].filter((n) => n.startsWith('analytics_')).length,
    analyticsViewVersions.length + currentAnalyticsViews.length,
  );
  assert.equal(db.prepare('SELECT COUNT(*) AS n FROM analytics_clock').get(), { n: 1 });
});

test('published versions never change, and every declared version is published (publishedViews.ts)', () => {
  const declared = Object.fromEntries(
    analyticsViewVersions.map((v) => [versionedName(v), Object.entries(v.columns).map(([n, c]) => `${n} ${c.type}`)]),
  );
  for (const [name, columns] of Object.entries(declared)) {
    assert.ok(publishedViews[name], `${name} is not published: add its columns to tests/projections/publishedViews.ts`);
    assert.equal(
      columns,
      publishedViews[name],
      `${name} changed its columns: a change to a view's columns is a new version (${name.replace(/\d+$/, 'N+1')})`,
    );
  }
  for (const name of Object.keys(publishedViews))
    assert.ok(declared[name], `${name} was published but is no longer declared`);
});

test('a stable name selects from the latest version; a version past its deprecation disappears', ({ db }) => {
  const v2: AnalyticsView = {
    ...dealsV1,
    version: 2,
    columns: { deal_id: dealsV1.columns.deal_id, status: dealsV1.columns.status },
  };
  const v1: AnalyticsView = { ...dealsV1, deprecated: { since: '2026-12-01', removeAfter: '2027-06-30' } };
  const others = analyticsViewVersions.filter((v) => v !== dealsV1);
  try {
    assert.ok(syncAnalyticsViews(db, [...others, v1, v2]));
    assert.equal(
      columnsOf(db, 'analytics_deals').map((c) => c.name),
      ['deal_id', 'status'],
    );
    assert.is(columnsOf(db, 'analytics_deals_v1').length, Object.keys(dealsV1.columns).length);
    // Its deprecation over, v1 is no longer declared: the next start drops it.
    assert.ok(syncAnalyticsViews(db, [...others, v2]));
    assert.not.ok(views(db).has('analytics_deals_v1'));
    assert.ok(views(db).has('analytics_deals_v2'));
  } finally {
    syncAnalyticsViews(db);
  }
  assert.is(columnsOf(db, 'analytics_deals').length, Object.keys(dealsV1.columns).length);
  assert.not.ok(views(db).has('analytics_deals_v2'));
});

test('starting again writes nothing; a view changed or added by hand is put right', ({ db }) => {
  const before = db.pragma('schema_version', { simple: true });
  assert.not.ok(syncAnalyticsViews(db));
  assert.is(db.pragma('schema_version', { simple: true }), before, 'the schema was not touched');
  db.exec('DROP VIEW analytics_partners_v1; CREATE VIEW analytics_partners_v1 AS SELECT 1 AS partner_id');
  db.exec('CREATE VIEW analytics_stale_v1 AS SELECT 1 AS x');
  assert.ok(syncAnalyticsViews(db));
  assert.not.ok(views(db).has('analytics_stale_v1'));
  assert.equal(views(db).get('analytics_partners_v1'), analyticsViewDdl('sqlite')[1].sql);
});

test('migrations step aside: views dropped only when one is pending; an old store opens with views', async ({
  dir,
}) => {
  const file = join(dir, 'hook.db');
  const db = new Database(file);
  const kysely = new Kysely<unknown>({ dialect: new SqliteDialect({ database: db }) });
  let calls = 0;
  const beforePending = () => {
    calls += 1;
  };
  await migrateToLatest(kysely, { beforePending });
  await migrateToLatest(kysely, { beforePending });
  assert.is(calls, 1, 'called before the pending migrations, not when none is pending');
  db.close();

  // A store left by an older version (only the first migration applied): every later one runs, then the views.
  const old = join(dir, 'old.db');
  copyFileSync(V1_STORE, old);
  const platform = await createPlatform({
    databaseFile: old,
    clock: manualClock('2026-06-01T09:00:00.000Z'),
    ids: timeOrderedIds(),
    startProjections: true,
  });
  try {
    const partners = await platform.reader.all<{ partner_id: string; domain: string }>(
      'SELECT partner_id, domain FROM analytics_partners ORDER BY partner_id',
    );
    assert.is(partners.length, 3);
    assert.ok(partners.every((p) => p.domain));
  } finally {
    await platform.close();
  }
});

test.run();
