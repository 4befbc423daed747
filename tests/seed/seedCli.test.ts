import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { prmSync } from '../support/prmCli.js';

const test = suite<{ dir: string }>('prm seed on the command line');
test.before((ctx) => {
  ctx.dir = mkdtempSync(join(tmpdir(), 'prm-seed-cli-'));
});
test.after((ctx) => rmSync(ctx.dir, { recursive: true, force: true }));

const prm = (dir: string, ...args: string[]) => prmSync(dir, args, 300_000);

test('seeds an empty data directory, reports what it built and how to sign in', ({ dir }) => {
  const r = prm(dir, 'seed', '--partners', '3', '--seed', '9', '--until', '2026-03-31');
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stdout, /seeded 3 partners, \d+ people, \d+ deal registrations/);
  assert.match(r.stdout, /\d+ events from 2024-01-01 to 2026-03-31 in [\d.]+ s/);
  assert.match(r.stdout, /npm run prm -- token per_\w+ {3}# the vendor admin/);
  // The hint names the data directory it seeded, for the server and for tokens alike.
  assert.ok(r.stdout.includes(`PRM_DATA_DIR=${dir} npm start`), r.stdout);
  assert.ok(r.stdout.includes(`PRM_DATA_DIR=${dir} npm run prm -- token per_`), r.stdout);
  // The progress bar writes to stderr.
  assert.match(r.stderr, /seed: simulated days/);
  const verify = prm(dir, 'verify');
  assert.is(verify.status, 0, verify.stdout + verify.stderr);
});

test('refuses a store that already holds events, and bad options', ({ dir }) => {
  const again = prm(dir, 'seed', '--partners', '3');
  assert.is.not(again.status, 0);
  assert.match(again.stderr, /already holds events/);
  const zero = prm(dir, 'seed', '--partners', '0');
  assert.is.not(zero.status, 0);
  assert.match(zero.stderr, /--partners/);
  const badDate = prm(dir, 'seed', '--until', '2026-02-30');
  assert.is.not(badDate.status, 0);
  assert.match(badDate.stderr, /YYYY-MM-DD/);
});

test.run();
