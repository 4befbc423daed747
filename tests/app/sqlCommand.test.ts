/**
 * `prm sql "<query>" [--csv|--json]` as an analyst runs it, in a child process against a data directory
 * (next to a running app): a table, CSV or JSON of the rows; a statement that would write, a statement
 * that does not parse and a missing store are refused with one line on stderr and exit code 2.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { activePartner } from '../http/fixtures.js';
import { prmSync } from '../support/prmCli.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

const prm = (dataDir: string, ...args: string[]) => prmSync(dataDir, ['sql', ...args]);

const test = suite<{ t: TestApp; ids: string[] }>('prm sql');
test.before(async (ctx) => {
  ctx.t = await startTestApp();
  ctx.ids = [
    await activePartner(ctx.t, { name: 'Acme, "Best" Storage', website: 'https://acme-best.example' }),
    await activePartner(ctx.t, { name: 'Byte Partners', website: 'https://byte.example', region: 'apac' }),
  ];
});
test.after(async (ctx) => ctx.t?.dispose());

const QUERY = 'SELECT partner_id, name, region, employee_count FROM analytics_partners ORDER BY partner_id';

test('a table by default, CSV with --csv, JSON with --json', ({ t, ids }) => {
  const table = prm(t.dir, QUERY);
  assert.is(table.status, 0, table.stderr);
  const lines = table.stdout.trimEnd().split('\n');
  assert.match(lines[0], /^partner_id\s+\| name\s+\| region \| employee_count$/);
  assert.is(lines.at(-1), '(2 rows)');

  const csv = prm(t.dir, QUERY, '--csv');
  assert.is(csv.status, 0, csv.stderr);
  const sorted = [...ids].sort();
  const acme = sorted.indexOf(ids[0]);
  assert.is(csv.stdout.split('\r\n')[0], 'partner_id,name,region,employee_count');
  assert.is(csv.stdout.split('\r\n')[1 + acme], `${ids[0]},"Acme, ""Best"" Storage",emea,0`);

  const json = prm(t.dir, '--json', QUERY);
  assert.is(json.status, 0, json.stderr);
  assert.equal(JSON.parse(json.stdout), [
    ...sorted.map((id) => ({
      partner_id: id,
      name: id === ids[0] ? 'Acme, "Best" Storage' : 'Byte Partners',
      region: id === ids[0] ? 'emea' : 'apac',
      employee_count: 0,
    })),
  ]);
  assert.equal(JSON.parse(prm(t.dir, '--json', 'SELECT 1 AS x WHERE 1 = 0').stdout), []);
});

test('a statement that would write is refused with one line and exit code 2, and changes nothing', async ({ t }) => {
  const before = await t.eventCount();
  for (const sql of ['DELETE FROM partners', 'DROP VIEW analytics_partners']) {
    const r = prm(t.dir, sql);
    assert.is(r.status, 2, sql);
    assert.is(r.stdout, '');
    assert.is(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /^prm sql: read-only: this statement would change the database/);
  }
  assert.is((await t.platform.reader.all('SELECT partner_id FROM partners')).length, 2);
  assert.is(await t.eventCount(), before);
});

test('SQL that does not parse, a missing store, and --csv with --json: one line, exit code 2', ({ t }) => {
  const empty = mkdtempSync(join(tmpdir(), 'prm-sql-empty-'));
  try {
    const cases = [
      [prm(t.dir, 'SELEC name FROM analytics_partners'), /^prm sql: near "SELEC": syntax error$/],
      [prm(t.dir, 'SELECT * FROM analytics_nothing'), /^prm sql: no such table: analytics_nothing$/],
      [prm(empty, 'SELECT 1'), /^prm sql: no store at .*prm\.db \(set PRM_DATA_DIR\)$/],
      [prm(t.dir, '--csv', '--json', QUERY), /^prm sql: choose --csv or --json$/],
    ] as const;
    for (const [r, message] of cases) {
      assert.is(r.status, 2, r.stderr);
      assert.match(r.stderr.trim(), message);
    }
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
});

test.run();
