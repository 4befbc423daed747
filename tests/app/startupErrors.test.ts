/**
 * Operator mistakes at start-up and on the command line (README Reliability): one line on stderr
 * naming the variable, the port or what was not found, exit code 2, no stack trace and no page of
 * help. The real `prm` in a child process, as an operator runs it.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { freePort, repoRoot } from '../reliability/serverProcess.js';

const test = suite<{ dir: string }>('prm: start-up and CLI errors in one line');
test.before((ctx) => {
  ctx.dir = mkdtempSync(join(tmpdir(), 'prm-startup-'));
});
test.after((ctx) => rmSync(ctx.dir, { recursive: true, force: true }));

const prm = (env: Record<string, string>, ...args: string[]) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'app/main.ts', ...args], {
      cwd: repoRoot,
      env: { ...process.env, PRM_LOG_LEVEL: 'silent', PRM_SWEEP_SECONDS: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });

/** Exit 2 and exactly one line on stderr matching `pattern`: no stack trace, no help page. */
const oneLine = (r: { code: number | null; stderr: string }, pattern: RegExp) => {
  const lines = r.stderr.split('\n').filter((l) => l.trim() !== '');
  assert.is(lines.length, 1, `expected one line, got:\n${r.stderr}`);
  assert.match(lines[0], pattern);
  assert.not.match(r.stderr, /\n\s+at |Usage:/);
  assert.is(r.code, 2, r.stderr);
};

const listening = (port: number) =>
  new Promise<Server>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });

test('PORT=abc, a port in use, a data directory that cannot be used: one line each, exit 2', async ({ dir }) => {
  const port = await freePort();
  const blocker = await listening(port);
  const notADirectory = join(dir, 'a-file');
  writeFileSync(notADirectory, 'x');
  try {
    const [badPort, inUse, badDir, several] = await Promise.all([
      prm({ PRM_DATA_DIR: join(dir, 'd1'), PORT: 'abc' }, 'serve'),
      prm({ PRM_DATA_DIR: join(dir, 'd2'), PORT: String(port), HOST: '127.0.0.1' }, 'serve'),
      prm({ PRM_DATA_DIR: join(notADirectory, 'data'), PORT: '0' }, 'serve'),
      prm({ PRM_DATA_DIR: join(dir, 'd3'), PORT: '99999', PRM_SWEEP_SECONDS: '-1' }, 'serve'),
    ]);
    oneLine(badPort, /^prm: invalid configuration: PORT must be a port number from 0 to 65535 \(got "abc"\)$/);
    oneLine(inUse, new RegExp(`^prm: port ${port} on 127\\.0\\.0\\.1 is already in use \\(PORT\\)$`));
    oneLine(badDir, /^prm: cannot use the data directory .*a-file\/data \(PRM_DATA_DIR\): not a directory$/);
    oneLine(several, /^prm: invalid configuration: PORT .*; PRM_SWEEP_SECONDS must be a number of seconds/);
  } finally {
    blocker.close();
  }
});

test('secrets are named, never echoed', async ({ dir }) => {
  const r = await prm({ PRM_DATA_DIR: join(dir, 'd4'), PRM_ADMIN_KEY: 'short-secret' }, 'serve');
  oneLine(r, /^prm: invalid configuration: PRM_ADMIN_KEY must be at least 16 characters$/);
  assert.not.match(r.stderr, /short-secret/);
});

test('prm replay of an unknown stream, a mistyped option: one line, no help page, exit 2', async ({ dir }) => {
  // A data directory each: two processes migrating one new store at once is another matter.
  const [unknown, option, person] = await Promise.all([
    prm({ PRM_DATA_DIR: join(dir, 'd5') }, 'replay', 'partner-nope'),
    prm({ PRM_DATA_DIR: join(dir, 'd6') }, 'verify', '--nope'),
    prm({ PRM_DATA_DIR: join(dir, 'd7') }, 'token', 'per_nobody0000001'),
  ]);
  oneLine(unknown, /^prm: no stream partner-nope$/);
  assert.is(unknown.stdout, '');
  assert.is(option.code, 2);
  assert.match(option.stderr, /unknown option '--nope'/);
  assert.not.match(option.stderr, /Usage:|Commands:/);
  oneLine(person, /^prm: no person per_nobody0000001$/);
});

test.run();
