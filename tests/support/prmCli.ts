import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;

/** Runs `prm <args>` to completion in a child process against `dataDir`, quiet and without colours. */
export const prmSync = (dataDir: string, args: readonly string[], timeoutMs = 60_000) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(root, 'app/main.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, PRM_DATA_DIR: dataDir, PRM_LOG_LEVEL: 'silent', FORCE_COLOR: '0' },
    timeout: timeoutMs,
  });
