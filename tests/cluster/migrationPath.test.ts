/**
 * The documented way from the embedded default to a cluster: `prm export` from the SQLite data
 * directory, then `prm import` into PostgreSQL (PRM_DATABASE_URL). The imported log has the same head
 * hash and the read models the same contents; the auditor's CLI (verify, replay, export, rebuild)
 * prints the same on both.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createClusterPlatform } from '../../app/cluster/clusterPlatform.js';
import { timeOrderedIds } from '../../app/timeOrderedIds.js';
import { systemClock } from '../../domain/shared/clock.js';
import type { SqlDb } from '../../infra/sql/sqlDb.js';
import type { Tables } from '../../infra/sql/tables.js';
import { allProjections } from '../../projections/index.js';
import { tables } from '../../projections/readModels/database.js';
import { repoRoot } from '../reliability/serverProcess.js';
import { seededStore } from '../seed/seededStore.js';
import { freshDatabase } from '../support/clusterTestApp.js';
import { startPostgres, type PostgresServer } from '../support/postgresServer.js';

type Seeded = Awaited<ReturnType<typeof seededStore>>;
interface Ctx {
  pg: PostgresServer;
  url: string;
  seeded: Seeded;
  dir: string;
}

const prm = (env: Record<string, string>, ...args: string[]) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'app/main.ts', ...args], {
      cwd: repoRoot,
      env: {
        ...process.env,
        PRM_ADMIN_KEY: 'migration-admin-key-0123456789',
        PRM_JWT_SECRET: 'migration-jwt-secret-0123456789abcdef012',
        PRM_LOG_LEVEL: 'silent',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });

const test = suite<Ctx>('migration path: SQLite export, PostgreSQL import');
test.before(async (ctx) => {
  ctx.pg = await startPostgres();
  ctx.url = await freshDatabase(ctx.pg);
  ctx.seeded = await seededStore({ partners: 4, seed: 7, until: '2026-05-31' });
  ctx.dir = mkdtempSync(join(tmpdir(), 'prm-migration-'));
});
test.after(async (ctx) => {
  await ctx.seeded?.dispose();
  if (ctx.dir) rmSync(ctx.dir, { recursive: true, force: true });
  await ctx.pg?.stop();
});

const sqliteEnv = (ctx: Ctx) => ({ PRM_DATA_DIR: dirname(ctx.seeded.platform.connection.path) });
const postgresEnv = (ctx: Ctx) => ({ PRM_DATABASE_URL: ctx.url, PRM_DATA_DIR: '/proc/prm-cluster-has-no-data-dir' });

/** A value with every object's keys sorted: jsonb keeps its own key order, equal documents compare equal. */
const canonical = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(canonical)
    : typeof value === 'object' && value !== null
      ? Object.fromEntries(
          Object.entries(value)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([k, v]) => [k, canonical(v)]),
        )
      : value;

/** Every projection table's rows, JSON columns parsed (jsonb spells its text its own way), sorted. */
const contents = async (db: SqlDb) => {
  const declared: Tables = tables;
  const out: Record<string, string[]> = {};
  for (const table of [...new Set(allProjections.flatMap((p) => p.tables))].sort()) {
    const json = Object.entries(declared[table].columns).filter(([, c]) => c.type === 'json');
    const rows = await db.all<Record<string, unknown>>(`SELECT * FROM ${table}`);
    out[table] = rows
      .map((r) => {
        for (const [name] of json) if (typeof r[name] === 'string') r[name] = JSON.parse(r[name] as string);
        return JSON.stringify(canonical(r));
      })
      .sort();
  }
  return out;
};

test('prm export from SQLite, prm import into PostgreSQL: same head hash, same read models', async (ctx) => {
  const file = join(ctx.dir, 'log.ndjson');
  const exported = await prm(sqliteEnv(ctx), 'export', '--to', file);
  assert.is(exported.code, 0, exported.stderr);
  const imported = await prm(postgresEnv(ctx), 'import', file);
  assert.is(imported.code, 0, imported.stderr + imported.stdout);
  const head = ctx.seeded.head;
  assert.ok(head && head.position > 500, 'a seeded channel worth moving');
  assert.match(imported.stdout, `head ${head?.position}:${head?.hash}; read models rebuilt`);

  const platform = await createClusterPlatform({
    url: ctx.url,
    clock: systemClock,
    ids: timeOrderedIds(),
    startProjections: false,
  });
  try {
    assert.is(await platform.store.headPosition(), head?.position, 'the head row follows the import');
    const counts = await contents(platform.reader);
    assert.equal(counts, await contents(ctx.seeded.platform.reader));
    assert.ok(Object.values(counts).filter((rows) => rows.length > 0).length >= 20, 'most tables hold rows');
  } finally {
    await platform.close();
  }
});

test('verify, replay, export and rebuild print the same on PostgreSQL as on SQLite', async (ctx) => {
  const partner = (await ctx.seeded.platform.reader.get<{ partner_id: string }>(
    'SELECT partner_id FROM partners ORDER BY partner_id LIMIT 1',
  )) as { partner_id: string };
  const [verifySqlite, verifyPostgres] = await Promise.all([
    prm(sqliteEnv(ctx), 'verify'),
    prm(postgresEnv(ctx), 'verify'),
  ]);
  assert.is(verifyPostgres.code, 0, verifyPostgres.stderr);
  assert.is(verifyPostgres.stdout, verifySqlite.stdout);
  assert.match(verifyPostgres.stdout, /^ok: \d+ events, hash chain and stream versions intact/);

  const [replaySqlite, replayPostgres] = await Promise.all([
    prm(sqliteEnv(ctx), 'replay', `partner-${partner.partner_id}`, '--as-of', '2026-01-01T00:00:00.000Z'),
    prm(postgresEnv(ctx), 'replay', `partner-${partner.partner_id}`, '--as-of', '2026-01-01T00:00:00.000Z'),
  ]);
  assert.is(replayPostgres.code, 0, replayPostgres.stderr);
  assert.is(replayPostgres.stdout, replaySqlite.stdout);

  const fromSqlite = join(ctx.dir, 'a.ndjson');
  const fromPostgres = join(ctx.dir, 'b.ndjson');
  const [a, b] = await Promise.all([
    prm(sqliteEnv(ctx), 'export', '--after', '100', '--to', fromSqlite),
    prm(postgresEnv(ctx), 'export', '--after', '100', '--to', fromPostgres),
  ]);
  assert.is(b.code, 0, b.stderr);
  assert.ok(readFileSync(fromPostgres, 'utf8') === readFileSync(fromSqlite, 'utf8'), 'byte for byte');
  assert.is(b.stderr.split('\n').at(-2), a.stderr.split('\n').at(-2));

  const rebuild = await prm(postgresEnv(ctx), 'rebuild');
  assert.is(rebuild.code, 0, rebuild.stderr);
  assert.match(rebuild.stdout, `rebuilt all projections: ${ctx.seeded.head?.position} events`);
});

test.run();
