import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A secret from the environment, else from the data directory, else generated there (mode 0600).
 * `created` tells the caller to print a generated admin key once.
 */
export const loadOrCreateSecret = (dataDir: string, file: string, fromEnv?: string): { value: string; created: boolean } => {
  if (fromEnv) return { value: fromEnv, created: false };
  const path = join(dataDir, file);
  if (existsSync(path)) return { value: readFileSync(path, 'utf8').trim(), created: false };
  mkdirSync(dataDir, { recursive: true });
  const value = randomBytes(32).toString('base64url');
  writeFileSync(path, `${value}\n`, { mode: 0o600, flag: 'wx' });
  return { value, created: true };
};
