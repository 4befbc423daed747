/**
 * Export and import: a seeded store exported to NDJSON and imported into an empty store reproduces the
 * log byte for byte (positions, timestamps, hashes) and the same read models; a file whose chain is
 * broken, or a non-empty store, is refused and nothing is written.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { importLogFile } from '../../app/cli/importLogFile.js';
import { timeOrderedIds } from '../../app/timeOrderedIds.js';
import { createPlatform, type Platform } from '../../app/platform.js';
import { manualClock } from '../../domain/shared/clock.js';
import { eventHash } from '../../eventstore/hashChain.js';
import { ImportRefused } from '../../eventstore/exportImport/importLog.js';
import { exportSqliteFile } from '../../eventstore/sqlite/exportSqliteFile.js';
import { verifySqliteFile } from '../../eventstore/sqlite/verifySqliteFile.js';
import { withDb } from './support/tamper.js';
import { appOnCopy, seededTemplate, tempDir } from './support/appOnFile.js';
import { seedChannel } from './support/seedChannel.js';

const test = suite<{
  template: string;
  exportFile: string;
  lines: string[];
  tmp: ReturnType<typeof tempDir>;
  cleanup: () => void;
}>('export and import');
test.before(async (ctx) => {
  const template = await seededTemplate((t) => seedChannel(t, 20));
  ctx.template = template.file;
  ctx.cleanup = template.dispose;
  ctx.tmp = tempDir('export');
  ctx.exportFile = ctx.tmp.file('log.ndjson');
  const exported = await exportSqliteFile(template.file);
  let text = '';
  for await (const line of exported.lines) text += line;
  writeFileSync(ctx.exportFile, text);
  ctx.lines = text.trimEnd().split('\n');
});
test.after((ctx) => {
  ctx.tmp?.dispose();
  ctx.cleanup();
});

let stores = 0;
/** An empty, migrated store in a fresh file. */
const emptyStore = async (tmp: ReturnType<typeof tempDir>): Promise<Platform> =>
  createPlatform({
    databaseFile: tmp.file(`target-${++stores}.db`),
    clock: manualClock('2030-01-01T00:00:00Z'),
    ids: timeOrderedIds(),
    startProjections: false,
  });

const allRows = (file: string) => withDb(file, (db) => db.prepare('SELECT * FROM events ORDER BY position').all());
const table = (file: string, sql: string) => withDb(file, (db) => db.prepare(sql).all());

const refusal = async (work: Promise<unknown>): Promise<ImportRefused> => {
  try {
    await work;
  } catch (error) {
    if (error instanceof ImportRefused) return error;
    throw error;
  }
  assert.unreachable('the import was not refused');
  throw new Error('unreachable');
};

const writeLines = (tmp: ReturnType<typeof tempDir>, name: string, lines: readonly string[]) => {
  const file = tmp.file(name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
};

test('the export is one stored envelope per line, in position order, hashes included', ({ lines }) => {
  assert.ok(lines.length > 250, `a seeded log of ${lines.length} events`);
  lines.forEach((line, i) => {
    const e = JSON.parse(line);
    assert.is(e.position, i + 1);
    assert.equal(Object.keys(e), [
      'position',
      'streamId',
      'version',
      'eventId',
      'type',
      'schemaVersion',
      'data',
      'metadata',
      'recordedAt',
      'hash',
    ]);
  });
});

test(
  'round trip: identical rows (positions, times, bodies, hashes), ' + 'a verified chain and the same read models',
  async ({ template, exportFile, lines, tmp }) => {
    const target = await emptyStore(tmp);
    const report = await importLogFile(target, exportFile);
    const file = target.connection.path;
    await target.close();
    assert.is(report.imported, lines.length);
    assert.is(report.first, 1);
    assert.equal(allRows(file), allRows(template));
    const [a, b] = [await verifySqliteFile(template), await verifySqliteFile(file)];
    assert.is(b.ok, true);
    assert.is(b.headHash, a.headHash);
    assert.is(report.head.hash, a.headHash);
    for (const sql of [
      'SELECT * FROM partners ORDER BY partner_id',
      'SELECT * FROM partner_quotas ORDER BY partner_id, period',
      'SELECT * FROM people ORDER BY person_id',
      'SELECT * FROM employments ORDER BY person_id, joined_position',
      'SELECT * FROM certifications ORDER BY person_id, program_id',
      'SELECT * FROM access_principals ORDER BY person_id',
      'SELECT * FROM channel_settings ORDER BY key',
    ])
      assert.equal(table(file, sql), table(template, sql), sql);
  },
);

test('GET /audit/export streams the same NDJSON, with the head in headers, and --after exports the rest', async ({
  template,
  exportFile,
  lines,
}) => {
  const t = await appOnCopy(template);
  try {
    const all = await t.get('/audit/export');
    assert.is(all.status, 200);
    assert.match(String(all.headers['content-type']), /^application\/x-ndjson/);
    assert.is(all.body, readFileSync(exportFile, 'utf8'));
    assert.is(all.headers['x-prm-head-position'], String(lines.length));
    assert.is(all.headers['x-prm-head-hash'], JSON.parse(lines[lines.length - 1]).hash);
    const rest = await t.get('/audit/export?after=200');
    assert.is(rest.body, `${lines.slice(200).join('\n')}\n`);
    assert.is((await t.get(`/audit/export?after=${lines.length}`)).body ?? '', '', 'nothing after the head');
    assert.is((await t.get('/audit/export?after=-1')).status, 400);
  } finally {
    await t.dispose();
  }
});

test('an incremental export continues a store holding exactly the events before it', async ({
  exportFile,
  lines,
  tmp,
}) => {
  const target = await emptyStore(tmp);
  await importLogFile(target, writeLines(tmp, 'first.ndjson', lines.slice(0, 120)));
  const report = await importLogFile(target, writeLines(tmp, 'rest.ndjson', lines.slice(120)));
  assert.is(report.first, 121);
  assert.is(report.head.position, lines.length);
  assert.is(await target.store.headPosition(), lines.length);
  await target.close();
  assert.is((await verifySqliteFile(target.connection.path)).ok, true);
  // The full file no longer fits: the store is not empty.
  const again = await emptyStore(tmp);
  await importLogFile(again, exportFile);
  const refused = await refusal(importLogFile(again, exportFile));
  assert.match(refused.message, /not empty/);
  assert.is(await again.store.headPosition(), lines.length);
  await again.close();
});

test('an empty store refuses an incremental export: the chain before it is missing', async ({ lines, tmp }) => {
  const target = await emptyStore(tmp);
  const refused = await refusal(importLogFile(target, writeLines(tmp, 'tail.ndjson', lines.slice(50))));
  assert.match(refused.message, /starts at position 51/);
  assert.is(await target.store.headPosition(), 0);
  await target.close();
});

test('a broken chain is refused at its line and nothing is written: changed, missing, reordered, forged', async ({
  lines,
  tmp,
}) => {
  const changed = [...lines];
  const e = JSON.parse(changed[99]);
  e.data = { ...e.data, tampered: true };
  changed[99] = JSON.stringify(e);
  const swapped = [...lines];
  [swapped[99], swapped[100]] = [swapped[100], swapped[99]];
  const forged = JSON.parse(lines[99]);
  const cases: [string, string[], RegExp][] = [
    ['changed', changed, /line 100: the hash chain is broken at position 100/],
    ['missing', [...lines.slice(0, 99), ...lines.slice(100)], /line 100: position 101 follows 99/],
    ['reordered', swapped, /line 100: position 101 follows 99/],
    [
      'forged hash',
      [...lines.slice(0, 99), JSON.stringify({ ...forged, hash: 'a'.repeat(64) }), ...lines.slice(100)],
      /line 100: the hash chain is broken/,
    ],
  ];
  for (const [name, content, expected] of cases) {
    const target = await emptyStore(tmp);
    const refused = await refusal(importLogFile(target, writeLines(tmp, `${name}.ndjson`, content)));
    assert.match(refused.message, expected, name);
    assert.is(await target.store.headPosition(), 0, `${name}: nothing written`);
    await target.close();
  }
});

test('lines that are not envelopes, unknown event types and empty files are refused', async ({ lines, tmp }) => {
  const first = JSON.parse(lines[0]);
  // A correctly chained event of a type this software does not know.
  const alien = { ...JSON.parse(lines[1]), type: 'AlienLanded', data: { where: 'roswell' } };
  alien.hash = eventHash(first.hash, alien);
  const cases: [string, string[], RegExp][] = [
    ['not json', [lines[0], '{"position": 2,'], /line 2: not JSON/],
    ['missing field', [JSON.stringify({ ...first, hash: undefined })], /line 1: hash/],
    ['unknown field', [JSON.stringify({ ...first, extra: 1 })], /line 1: .*extra/],
    [
      'unknown type',
      [lines[0], JSON.stringify(alien)],
      /line 2: the event at position 2 cannot be read: .*unknown event type/,
    ],
    ['empty', [''], /no events/],
  ];
  for (const [name, content, expected] of cases) {
    const target = await emptyStore(tmp);
    const refused = await refusal(importLogFile(target, writeLines(tmp, `${name.replace(/ /g, '-')}.ndjson`, content)));
    assert.match(refused.message, expected, `${name}: ${refused.message}`);
    assert.is(await target.store.headPosition(), 0, `${name}: nothing written`);
    await target.close();
  }
});

test.run();
