/**
 * Generated secrets under concurrent starts: processes that start together on a fresh data
 * directory all end up with one and the same secret, and none fails (two `prm expire-deals` at once
 * used to fail with EEXIST, or read an empty key the other had not written yet).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';

const test = suite('generated secrets');
const module = new URL('../../app/secrets.ts', import.meta.url).pathname;

/** Each child spins until `at`, so that all of them create the secret in the same millisecond or so. */
const start = (dir: string, at: number) =>
  new Promise<{ code: number | null; out: string }>((resolve) => {
    const script =
      `import('${module}').then((m) => { while (Date.now() < ${at}); ` +
      `console.log(m.loadOrCreateSecret(${JSON.stringify(dir)}, 'admin.key').value); })`;
    const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => resolve({ code, out: out.trim() }));
  });

test('eight processes starting at once share one secret', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'prm-secrets-'));
  try {
    const at = Date.now() + 5000;
    const runs = await Promise.all(Array.from({ length: 8 }, () => start(join(dir, 'data'), at)));
    for (const run of runs) assert.is(run.code, 0, run.out);
    const onDisk = readFileSync(join(dir, 'data', 'admin.key'), 'utf8').trim();
    assert.ok(onDisk.length >= 32);
    for (const run of runs) assert.is(run.out, onDisk);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
