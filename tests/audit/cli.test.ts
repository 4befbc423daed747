/**
 * The auditor's CLI as a user runs it: `prm verify | replay | export | import` in a child process
 * against a data directory (PRM_DATA_DIR), with exit codes, output and progress on stderr.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { exportSqliteFile } from '../../eventstore/sqlite/exportSqliteFile.js';
import { verifySqliteFile } from '../../eventstore/sqlite/verifySqliteFile.js';
import { seededTemplate, tempDir } from './support/appOnFile.js';
import { seedChannel } from './support/seedChannel.js';
import { withDb } from './support/tamper.js';

const root = new URL('../../', import.meta.url).pathname;
const prm = (dataDir: string, ...args: string[]) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'app/main.ts'), ...args], {
      cwd: root,
      env: {
        ...process.env,
        PRM_DATA_DIR: dataDir,
        PRM_ADMIN_KEY: 'cli-test-admin-key-0123456789',
        PRM_JWT_SECRET: 'cli-test-jwt-secret-0123456789abcdef0123',
        PRM_LOG_LEVEL: 'silent',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });

const test = suite<{ template: string; partnerId: string; tmp: ReturnType<typeof tempDir>; cleanup: () => void }>(
  'prm audit commands',
);
test.before(async (ctx) => {
  let partnerId = '';
  const template = await seededTemplate(async (t) => {
    partnerId = (await seedChannel(t, 3)).partnerIds[0];
  });
  Object.assign(ctx, { template: template.file, cleanup: template.dispose, partnerId, tmp: tempDir('cli') });
});
test.after((ctx) => {
  ctx.tmp?.dispose();
  ctx.cleanup();
});

let dirs = 0;
/** A data directory holding a copy of the seeded store (or nothing). */
const dataDir = (tmp: ReturnType<typeof tempDir>, template?: string) => {
  const dir = tmp.file(`data-${++dirs}`);
  mkdirSync(dir);
  if (template) copyFileSync(template, join(dir, 'prm.db'));
  return dir;
};

// Each child process pays tsx's start-up: independent runs go in parallel, and there are few of them.

test('verify: ok with the head to keep, progress on stderr; tampered: exit 1 naming position and kind', async ({
  template,
  tmp,
}) => {
  const dir = dataDir(tmp, template);
  const [ok, none] = await Promise.all([prm(dir, 'verify'), prm(dataDir(tmp), 'verify')]);
  assert.is(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /^ok: \d+ events/);
  const head = /head (\d+:[0-9a-f]{64})/.exec(ok.stdout)?.[1];
  assert.ok(head, ok.stdout);
  assert.match(ok.stderr, /verify \[.*100%/);
  assert.is(none.code, 2, 'no store: an operator mistake, not an empty store created');

  withDb(join(dir, 'prm.db'), (db) => db.prepare('DELETE FROM events WHERE position = 7').run());
  // A truncated copy would verify on its own (see verifyTamper.test.ts); the anchor from before catches it.
  const cut = dataDir(tmp, template);
  withDb(join(cut, 'prm.db'), (db) => db.prepare('DELETE FROM events WHERE position > 20').run());
  const [bad, json, anchored] = await Promise.all([
    prm(dir, 'verify'),
    prm(dir, 'verify', '--json'),
    prm(cut, 'verify', '--anchor', head),
  ]);
  assert.is(bad.code, 1);
  assert.match(bad.stdout, /TAMPERED: deleted at position 7/);
  const report = JSON.parse(json.stdout);
  assert.equal([json.code, report.ok, report.problem.kind, report.problem.position], [1, false, 'deleted', 7]);
  assert.is(anchored.code, 1);
  assert.match(anchored.stdout, /TAMPERED: deleted at position 21/);
});

test('replay: a partner as of a position, as JSON; an unknown stream exits 2', async ({ template, tmp, partnerId }) => {
  const dir = dataDir(tmp, template);
  const [applied, unknown] = await Promise.all([
    prm(dir, 'replay', `partner-${partnerId}`, '--as-of', '2'),
    prm(dataDir(tmp, template), 'replay', 'partner-ptr_nobody000001'),
  ]);
  assert.is(applied.code, 0, applied.stderr);
  const state = JSON.parse(applied.stdout);
  assert.equal(
    [state.version, state.asOf, state.state.status, state.state.domain],
    [1, { position: 2 }, 'applied', 'partner-0.example'],
  );
  assert.is(unknown.code, 2);
  assert.match(unknown.stderr, /no stream partner-ptr_nobody000001/);
});

test('export to a file (and after a position to stdout), import into an empty data directory: the same log', async ({
  template,
  tmp,
}) => {
  const dir = dataDir(tmp, template);
  const file = tmp.file('cli-export.ndjson');
  const [exported, tail] = await Promise.all([prm(dir, 'export', '--to', file), prm(dir, 'export', '--after', '30')]);
  assert.is(exported.code, 0, exported.stderr);
  assert.match(exported.stderr, /exported \d+ events/);
  let expected = '';
  for await (const line of (await exportSqliteFile(template)).lines) expected += line;
  assert.is(readFileSync(file, 'utf8'), expected);
  assert.is(tail.stdout, expected.split('\n').slice(30).join('\n'));

  const target = dataDir(tmp);
  const imported = await prm(target, 'import', file);
  assert.is(imported.code, 0, imported.stderr);
  assert.match(imported.stdout, /imported \d+ events \(positions 1\.\.\d+\)/);
  const rows = (f: string) => withDb(f, (db) => db.prepare('SELECT * FROM events ORDER BY position').all());
  assert.equal(rows(join(target, 'prm.db')), rows(template));
  assert.is((await verifySqliteFile(join(target, 'prm.db'))).ok, true);
  const again = await prm(target, 'import', file);
  assert.is(again.code, 1);
  assert.match(again.stderr, /import refused, nothing written: .*not empty/);
});

test.run();
