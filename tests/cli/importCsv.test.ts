/**
 * `prm import-csv` (DESIGN §11): rows through the command functions, a report of exactly which line,
 * field and problem refused what, a re-run that appends nothing, and the CLI's exit code (0 only when
 * every row was accepted).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { importCsv } from '../../app/csvImport/importCsv.js';
import { list, str } from '../support/json.js';
import { prmSync } from '../support/prmCli.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

const test = suite<{ t: TestApp; dir: string }>('CSV import');
test.before(async (ctx) => {
  ctx.t = await startTestApp();
  ctx.dir = mkdtempSync(join(tmpdir(), 'prm-csv-'));
});
test.after(async (ctx) => {
  await ctx.t.dispose();
  rmSync(ctx.dir, { recursive: true, force: true });
});

/** Imports, then waits for the read models to include what was imported (the CLI runs beside a server). */
const run = async (t: TestApp, kind: 'partners' | 'people' | 'employees', file: string, dryRun = false) => {
  const summary = await importCsv({
    kind,
    file,
    dryRun,
    store: t.platform.store,
    pipeline: t.platform.pipeline,
    ids: t.platform.ids,
  });
  await t.platform.runner.waitFor(await t.eventCount());
  return summary;
};

const partnersCsv = [
  'name,website,country,region,type,parentPartnerId,externalRefs.legacy',
  'Acme Storage,https://acme.example,DE,emea,reseller,,L-100',
  'Broken Ltd,not a url,XX,emea,reseller,,L-101',
  '"Quoted, Inc.",https://quoted.example,FR,emea,msp,,L-102',
  'No Type,https://notype.example,DE,emea,,,',
  'Orphan,https://orphan.example,DE,emea,reseller,ptr_doesnotexist,',
  'Acme Twin,https://twin.example,DE,emea,reseller,,L-100',
].join('\n');

test('good and bad rows: the good ones imported, an exact report of the others, beside the input', async ({
  t,
  dir,
}) => {
  const file = join(dir, 'partners.csv');
  writeFileSync(file, `${partnersCsv}\n`);
  const before = await t.eventCount();
  const summary = await run(t, 'partners', file);
  assert.equal([summary.rows, summary.accepted, summary.created, summary.refused], [6, 2, 2, 4]);
  assert.is(
    readFileSync(`${file}.errors.csv`, 'utf8'),
    [
      'line,field,code,message',
      '3,country,validation_failed,unknown ISO-3166 country',
      '3,website,validation_failed,must be an http(s) URL',
      '5,type,validation_failed,"Invalid option: expected one of ""reseller""|""distributor""|""msp""|""referral"""',
      '6,,not_found,parent partner not found',
      '7,id,duplicate,already linked to another partner',
      '',
    ].join('\n'),
  );
  const saved = JSON.parse(readFileSync(`${file}.summary.json`, 'utf8'));
  assert.equal([saved.kind, saved.rows, saved.accepted, saved.refused, saved.problems], ['partners', 6, 2, 4, 5]);
  const found = await t.get('/partners?externalRef=legacy:L-102');
  assert.is(str(found.body, 'items', 0, 'name'), 'Quoted, Inc.');
  assert.ok((await t.eventCount()) > before);
});

test('a re-run adds nothing, and a corrected row is imported', async ({ t, dir }) => {
  const file = join(dir, 'partners.csv');
  const before = await t.eventCount();
  const again = await run(t, 'partners', file);
  assert.equal([again.accepted, again.created], [2, 0]);
  assert.is(await t.eventCount(), before - 0, 'nothing appended');
  // The partner linked before the duplicate refusal of line 7 exists once: its own re-run replayed.
  const twins = await t.get('/partners?q=Acme%20Twin');
  assert.is(list(twins.body, 'items').length, 1);
  writeFileSync(file, `${partnersCsv.replace('Broken Ltd,not a url,XX', 'Broken Ltd,https://broken.example,GB')}\n`);
  const fixed = await run(t, 'partners', file);
  assert.equal([fixed.accepted, fixed.created], [3, 1]);
});

test('people and employees, employees found by their legacy references', async ({ t, dir }) => {
  const people = join(dir, 'people.csv');
  writeFileSync(
    people,
    'name,email,externalRefs.legacy\nAnn Admin,ann@acme.example,P-1\nBob Sales,bob@acme.example,P-2\n',
  );
  assert.equal((await run(t, 'people', people)).accepted, 2);
  const acmeId = str((await t.get('/partners?externalRef=legacy:L-100')).body, 'items', 0, 'id');
  await t.post(`/partners/${acmeId}/approve`, { tier: 'gold' });
  const employees = join(dir, 'employees.csv');
  writeFileSync(
    employees,
    [
      'partnerId,personId,role',
      'legacy:L-100,legacy:P-1,admin',
      `${acmeId},legacy:P-2,sales`,
      'legacy:L-999,legacy:P-2,sales',
      'legacy:L-100,legacy:P-1,boss',
      '',
    ].join('\n'),
  );
  const dry = await run(t, 'employees', employees, true);
  assert.equal([dry.accepted, dry.created], [3, 0]);
  const summary = await run(t, 'employees', employees);
  assert.equal([summary.accepted, summary.refused], [2, 2]);
  assert.match(
    readFileSync(`${employees}.errors.csv`, 'utf8'),
    /\n4,partnerId,not_found,.*\n5,role,validation_failed,/,
  );
  const staff = await t.get(`/partners/${acmeId}/employees`);
  assert.equal(
    list(staff.body, 'items')
      .map((e) => str(e, 'role'))
      .sort(),
    ['admin', 'sales'],
  );
});

test('the CLI exits 0 only when every row was accepted, and refuses unknown columns', ({ dir }) => {
  const dataDir = join(dir, 'data');
  const cli = (args: string[]) => prmSync(dataDir, ['import-csv', ...args]);
  const good = join(dir, 'good.csv');
  writeFileSync(good, 'name,email\nCleo,cleo@x.example\n');
  const ok = cli(['people', good]);
  assert.is(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, 'people: 1 rows, 1 accepted (1 new), 0 refused');
  const mixed = join(dir, 'mixed.csv');
  writeFileSync(mixed, 'name,email\nDee,dee@x.example\nNo Email,\n');
  assert.is(cli(['people', mixed]).status, 1);
  const odd = join(dir, 'odd.csv');
  writeFileSync(odd, 'name,mail\nEve,eve@x.example\n');
  const refused = cli(['people', odd]);
  assert.is(refused.status, 2);
  assert.match(refused.stderr, 'unknown column(s) mail');
});

test.run();
