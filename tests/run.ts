/**
 * Runs every *.test.ts under tests/ in its own process (isolation, and both cores busy), prints
 * the output of failing files, and ends with one line `N passed, N failed` for CI.
 * Usage: npm test [-- <path filter> ...]
 */
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { cpus } from 'node:os';

const root = new URL('.', import.meta.url).pathname;
const filters = process.argv.slice(2);
const files: string[] = [];
const walk = (dir: string) => {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith('.test.ts')) files.push(path);
  }
};
walk(root);
const selected = files.filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)));

interface Outcome {
  file: string;
  passed: number;
  failed: number;
  output: string;
  ms: number;
}

const runFile = (file: string) =>
  new Promise<Outcome>((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, ['--import', 'tsx', file], {
      env: { ...process.env, FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code) => {
      const total = Number(/Total:\s+(\d+)/.exec(output)?.[1] ?? 0);
      const passed = Number(/Passed:\s+(\d+)/.exec(output)?.[1] ?? 0);
      // uvu's Total already excludes skipped tests.
      let failed = total - passed;
      // A crash or a failing exit code without a failed test still fails the file (a response its route
      // does not declare sets the exit code: tests/support/responseContract.ts).
      if (code !== 0 && failed === 0) failed = 1;
      // uvu swallows an error thrown by a `test.before` hook: its suite's tests fail with no word of why.
      for (const [, suite, ran, of] of output.matchAll(/^ *([^\n✘]*?) +\((\d+) \/ (\d+)\)$/gm))
        if (Number(ran) < Number(of))
          output += `\n(${suite.trim()}: no test failed, yet ${ran} of ${of} passed: its \`test.before\` hook threw)\n`;
      resolve({ file, passed, failed, output, ms: Date.now() - started });
    });
  });

const concurrency = Math.max(1, Number(process.env.TEST_CONCURRENCY ?? Math.min(3, cpus().length)));
const queue = [...selected];
const outcomes: Outcome[] = [];
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    for (let file = queue.shift(); file; file = queue.shift()) {
      const o = await runFile(file);
      outcomes.push(o);
      const name = relative(root, o.file);
      console.log(
        `${o.failed ? 'FAIL' : 'ok  '} ${name} (${o.passed} passed${o.failed ? `, ${o.failed} failed` : ''}, ${o.ms} ` +
          `ms)`,
      );
      if (o.failed) console.log(o.output.replace(/^/gm, '    '));
    }
  }),
);
const passed = outcomes.reduce((n, o) => n + o.passed, 0);
const failed = outcomes.reduce((n, o) => n + o.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || selected.length === 0 ? 1 : 0);
