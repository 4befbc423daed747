import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/** The repository root: the real server is started from here, as `npm start` does. */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export const ADMIN_KEY = 'reliability-admin-key-0123456789';

/** A port nobody listens on right now (the OS picks it; we release it for the server). */
export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });

const environment = (dataDir: string, port: number) => ({
  ...process.env,
  PRM_DATA_DIR: dataDir,
  PORT: String(port),
  HOST: '127.0.0.1',
  PRM_ADMIN_KEY: ADMIN_KEY,
  PRM_JWT_SECRET: 'reliability-jwt-secret-0123456789abcdef',
  PRM_LOG_LEVEL: 'silent',
  PRM_SWEEP_SECONDS: '0',
});

export interface ServerProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** kill -9: no shutdown hook runs. */
  readonly kill: () => Promise<void>;
  /** SIGTERM: the server closes its connections and the database. */
  readonly stop: () => Promise<void>;
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve()),
  );

/** Starts `prm serve` as a child process on a SQLite file in `dataDir`; resolves once it listens. */
export const startServer = async (dataDir: string): Promise<ServerProcess> => {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'app/main.ts', 'serve'], {
    cwd: repoRoot,
    env: environment(dataDir, port),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk;
      if (output.includes('listening on')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk;
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code ?? signal}) before listening:\n${output}`));
    });
  });
  child.removeAllListeners('exit');
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    kill: async () => {
      child.kill('SIGKILL');
      await exited(child);
    },
    stop: async () => {
      child.kill('SIGTERM');
      await exited(child);
    },
  };
};

/** Runs a `prm` CLI command to completion with the same environment. */
export const runCli = (dataDir: string, args: readonly string[]) =>
  new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'app/main.ts', ...args], {
      cwd: repoRoot,
      env: environment(dataDir, 0),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.once('exit', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`prm ${args.join(' ')} failed (${code}):\n${output}`)),
    );
  });
