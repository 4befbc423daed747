/**
 * `prm rebuild [--batch-size N] [--cache-mb M]` in a child process, next to a running app: the read
 * models it rebuilds with small batches and its own page cache equal the ones the app built live;
 * a batch size or cache that is not a positive integer is refused with exit code 2, nothing rebuilt.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { activePartner } from '../http/fixtures.js';
import { prmSync } from '../support/prmCli.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

const prm = (dataDir: string, ...args: string[]) => prmSync(dataDir, ['rebuild', ...args]);

const test = suite<{ t: TestApp }>('prm rebuild');
test.before(async (ctx) => {
  ctx.t = await startTestApp();
  for (const [i, region] of ['emea', 'apac', 'amer'].entries())
    await activePartner(ctx.t, { name: `Rebuilt ${i}`, website: `https://rebuilt-${i}.example`, region });
});
test.after(async (ctx) => ctx.t?.dispose());

const partners = (t: TestApp) => t.platform.reader.all('SELECT * FROM analytics_partners ORDER BY partner_id');
const checkpoints = (t: TestApp) =>
  t.platform.reader.all<{ name: string; position: number }>('SELECT name, position FROM projection_checkpoints');

test('small batches and a page cache of its own rebuild the same read models', async ({ t }) => {
  const live = await partners(t);
  assert.is(live.length, 3);
  await t.platform.writeDb.run('DELETE FROM partners');
  const head = await t.platform.store.headPosition();
  const run = prm(t.dir, '--batch-size', '3', '--cache-mb', '32');
  assert.is(run.status, 0, run.stderr);
  assert.match(run.stdout, new RegExp(`rebuilt all projections: ${head} events`));
  assert.equal(await partners(t), live);
  for (const c of await checkpoints(t)) assert.is(c.position, head, c.name);
});

test('a batch size or cache that is not a positive integer is refused, and nothing is rebuilt', async ({ t }) => {
  await t.platform.writeDb.run("UPDATE partners SET name = 'Untouched'");
  for (const args of [
    ['--batch-size', '0'],
    ['--batch-size', 'many'],
    ['--cache-mb', '-5'],
  ]) {
    const run = prm(t.dir, ...args);
    assert.is(run.status, 2, `${args.join(' ')}: ${run.stdout}${run.stderr}`);
    assert.match(run.stderr, /positive integer/);
  }
  const names = await t.platform.reader.all<{ name: string }>('SELECT DISTINCT name FROM partners');
  assert.equal(names, [{ name: 'Untouched' }]);
});

test.run();
