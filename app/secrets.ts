import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TransactionalSqlDb } from '../infra/sql/sqlDb.js';

/**
 * A secret from the environment, else from the data directory, else generated there (mode 0600).
 * `created` tells the caller to print a generated admin key once.
 *
 * Two processes may start at once on a fresh directory (two `prm expire-deals`): the secret is
 * written whole to a file of this process's own, then linked into place, which fails when the
 * other process won; the loser reads the winner's secret, never a half-written file.
 */
export const loadOrCreateSecret = (
  dataDir: string,
  file: string,
  fromEnv?: string,
): { value: string; created: boolean } => {
  if (fromEnv) return { value: fromEnv, created: false };
  const path = join(dataDir, file);
  const read = () => ({ value: readFileSync(path, 'utf8').trim(), created: false });
  if (existsSync(path)) return read();
  mkdirSync(dataDir, { recursive: true });
  const value = randomBytes(32).toString('base64url');
  const own = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(own, `${value}\n`, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(own, path);
    return { value, created: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return read();
  } finally {
    unlinkSync(own);
  }
};

/**
 * Cluster mode's secrets: from the environment, else from the shared database, else generated there
 * by whichever node asks first (the others read the winner's). `created` tells that node to print a
 * generated admin key once.
 */
export const loadOrCreateSharedSecret = async (
  db: TransactionalSqlDb,
  name: string,
  fromEnv?: string,
): Promise<{ value: string; created: boolean }> => {
  if (fromEnv) return { value: fromEnv, created: false };
  const value = randomBytes(32).toString('base64url');
  const { changes } = await db.run(
    'INSERT INTO platform_secrets (name, value, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING',
    [name, value, new Date().toISOString()],
  );
  const row = await db.get<{ value: string }>('SELECT value FROM platform_secrets WHERE name = ?', [name]);
  if (!row) throw new Error(`secret ${name} vanished from platform_secrets`);
  return { value: row.value, created: changes === 1 };
};
