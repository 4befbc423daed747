/**
 * A throwaway PostgreSQL server for tests, started from the installed binaries (DESIGN §8):
 * initdb into a temporary directory, pg_ctl start on a free port (127.0.0.1 and a unix socket
 * in that directory, trust auth), removed again by `stop()` or, failing that, on process exit.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface PostgresServer {
  /** `postgres://postgres@127.0.0.1:<port>/postgres` */
  readonly url: string;
  readonly port: number;
  /** Stops the server (immediate mode) and deletes its directory; safe to call twice. */
  readonly stop: () => Promise<void>;
  /** Stops the server as an operator would (fast mode: every connection cut), waits `downMs`, starts it again. */
  readonly restart: (downMs?: number) => Promise<void>;
}

const BIN = process.env.PRM_PG_BIN ?? '/usr/lib/postgresql/15/bin';
// initdb and postgres refuse to run as root: tests in CI do, so they borrow the postgres user.
const asRoot = process.getuid?.() === 0;

const command = (binary: string, args: readonly string[]): [string, string[]] =>
  asRoot ? ['runuser', ['-u', 'postgres', '--', join(BIN, binary), ...args]] : [join(BIN, binary), [...args]];

const run = (binary: string, args: readonly string[], cwd: string) =>
  new Promise<string>((resolve, reject) => {
    const [cmd, argv] = command(binary, args);
    // pg_ctl start leaves the postmaster holding inherited pipes open: send its output to the log file instead.
    const child = spawn(cmd, argv, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${binary} exited with ${code}: ${output}`)),
    );
  });

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });

const postgresOwner = () => {
  try {
    return {
      uid: Number(execFileSync('id', ['-u', 'postgres']).toString().trim()),
      gid: Number(execFileSync('id', ['-g', 'postgres']).toString().trim()),
    };
  } catch {
    throw new Error('running as root, the PostgreSQL binaries need a "postgres" user to run as, and there is none');
  }
};

/** pg_ctl -w already waits for readiness; this also proves that a real client gets in. */
const waitForConnections = async (url: string, deadline: number) => {
  for (;;) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query('SELECT 1');
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
};

export const startPostgres = async (): Promise<PostgresServer> => {
  if (!existsSync(join(BIN, 'initdb')))
    throw new Error(`no PostgreSQL binaries in ${BIN} (set PRM_PG_BIN to their directory)`);
  const dir = mkdtempSync(join(tmpdir(), 'prm-pg-'));
  if (asRoot) {
    const { uid, gid } = postgresOwner();
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  let stopped: Promise<void> | undefined;

  // Last resort when the test process ends without calling stop() (a crash, a failed assertion
  // that skipped the after hook): synchronous, because 'exit' handlers cannot wait.
  const stopSync = () => {
    if (stopped) return;
    stopped = Promise.resolve();
    const [cmd, argv] = command('pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-w']);
    spawnSync(cmd, argv, { cwd: dir, stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  };
  const onSignal = (signal: NodeJS.Signals) => {
    stopSync();
    process.removeListener(signal, onSignal);
    process.kill(process.pid, signal);
  };
  process.on('exit', stopSync);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const stop = () => {
    stopped ??= (async () => {
      process.removeListener('exit', stopSync);
      process.removeListener('SIGINT', onSignal);
      process.removeListener('SIGTERM', onSignal);
      await run('pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-w'], dir).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    })();
    return stopped;
  };

  try {
    await run(
      'initdb',
      ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-locale', '--no-sync', '--no-instructions'],
      dir,
    );
    // A free port can be taken between probing and binding: try a few.
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      // Durability of a throwaway server is worthless: fsync off keeps the suite fast.
      const serverOptions = [
        `-p ${port}`,
        '-c listen_addresses=127.0.0.1',
        `-c unix_socket_directories=${dir}`,
        '-c fsync=off',
        '-c synchronous_commit=off',
        '-c full_page_writes=off',
        '-c max_connections=200',
      ].join(' ');
      try {
        await run('pg_ctl', ['start', '-D', data, '-l', log, '-w', '-t', '60', '-o', serverOptions], dir);
      } catch (error) {
        if (attempt >= 3) throw new Error(`${(error as Error).message}\n${readLog(log)}`);
        continue;
      }
      const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
      await waitForConnections(url, Date.now() + 30_000);
      const restart = async (downMs = 0) => {
        await run('pg_ctl', ['stop', '-D', data, '-m', 'fast', '-w'], dir);
        await new Promise((r) => setTimeout(r, downMs));
        await run('pg_ctl', ['start', '-D', data, '-l', log, '-w', '-t', '60', '-o', serverOptions], dir);
      };
      return { url, port, stop, restart };
    }
  } catch (error) {
    await stop();
    throw error;
  }
};

const readLog = (path: string) => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '(no server log)';
  }
};
