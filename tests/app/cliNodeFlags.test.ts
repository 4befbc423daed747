/**
 * `npm run prm` (rebuilds, bulk seeds, log imports) runs Node with the flags `app/cli/cliNodeFlags.ts`
 * names, and the rebuild benchmark with the same ones: the script and the constant must not drift apart.
 */
import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CLI_NODE_FLAGS } from '../../app/cli/cliNodeFlags.js';

const scripts = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    scripts: Record<string, string>;
  }
).scripts;

test('the prm script passes every CLI flag to Node before the entry point', () => {
  const [runner, ...rest] = scripts.prm.split(' ');
  assert.is(runner, 'tsx');
  const entry = rest.indexOf('app/main.ts');
  assert.ok(entry > 0, scripts.prm);
  assert.equal(rest.slice(0, entry), [...CLI_NODE_FLAGS]);
});

test('the server keeps Node defaults: its request tail measured worse with the larger young generation', () => {
  for (const flag of CLI_NODE_FLAGS) assert.not.ok(scripts.start.includes(flag), scripts.start);
});

test.run();
