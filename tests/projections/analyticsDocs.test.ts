/**
 * The README documents the analytics layer exactly as it is declared: the KPI table says each KPI's
 * definition once, as channelKpis.ts states it; each view has its heading (name, version, what a row is)
 * and a table of its columns (name, type, meaning) in order; deprecated versions are listed with their
 * removal date; the README's SQL is split into statements the suites can run.
 */
import { readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  deprecatedVersions,
  kpiTable,
  viewColumnTable,
  viewHeading,
} from '../../projections/analytics/analyticsDocs.js';
import { currentAnalyticsViews } from '../../projections/analytics/analyticsViews.js';
import { channelKpis } from '../../projections/analytics/channelKpis.js';
import { README, readmeSqlStatements } from '../support/readmeSql.js';

const readme = readFileSync(README, 'utf8');
const HINT = 'paste `npx tsx tools/analyticsReadme.ts` into README "Read models for analysts", then `npm run format`';

/** The cells of a markdown table's rows, trimmed (alignment padding is not content). */
const rowsOf = (table: string) =>
  table
    .split('\n')
    .filter((l) => l.startsWith('|') && !/^\|[\s|-]+\|$/.test(l))
    .map((l) =>
      l
        .slice(1, -1)
        .split(' | ')
        .map((c) => c.trim()),
    );

/** The table that follows `heading` in the README (up to the first blank line after it starts). */
const tableAfter = (heading: string) => {
  const at = readme.indexOf(`${heading}\n`);
  if (at < 0) return undefined;
  const start = readme.indexOf('\n|', at) + 1;
  const end = readme.indexOf('\n\n', start);
  return readme.slice(start, end < 0 ? undefined : end);
};

const test = suite('README documents the analytics views and KPIs as declared');

test('the KPI table states each KPI once, with its definition as channelKpis.ts declares it', () => {
  const table = tableAfter('### Channel KPIs');
  assert.ok(table, 'README has a "### Channel KPIs" section with a table');
  assert.equal(rowsOf(table as string), rowsOf(kpiTable()), HINT);
  for (const k of channelKpis)
    assert.is(readme.split(k.definition).length - 1, 1, `the definition of ${k.title} is stated once`);
});

test('every view has its heading and a table of its columns, in order, with type and meaning', () => {
  const problems: string[] = [];
  for (const v of currentAnalyticsViews) {
    const heading = viewHeading(v);
    const table = tableAfter(heading);
    if (!table) {
      problems.push(`missing heading: ${heading}`);
      continue;
    }
    const [, ...documented] = rowsOf(table);
    const [, ...declared] = rowsOf(viewColumnTable(v));
    if (JSON.stringify(documented) !== JSON.stringify(declared))
      problems.push(`${v.name}: documented ${documented.map((r) => r[0]).join(', ')}`);
  }
  assert.equal(problems, [], HINT);
});

test('deprecated versions are listed with the day they go', () => {
  const table = tableAfter('### Versions') ?? '';
  for (const d of deprecatedVersions())
    assert.ok(table.includes(`\`${d.name}\``) && table.includes(d.removeAfter), `${d.name} is listed`);
  if (deprecatedVersions().length === 0) assert.match(table, /none yet/);
});

test("the README's SQL splits into statements, each with a comment saying what it answers", () => {
  const statements = readmeSqlStatements();
  assert.ok(statements.length >= 30, `${statements.length} statements`);
  for (const s of statements) assert.ok(s.title, `README.md:${s.line} has a comment saying what it answers`);
  assert.ok(statements.some((s) => s.mayReturnNoRows));
  assert.throws(() => readmeSqlStatements('```sql\nSELECT 1\n```\n'), /without its closing ;/);
});

test.run();
