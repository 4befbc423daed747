import { exportJWK, generateKeyPair, type JWK } from 'jose';
import type { SqlDb } from '../../../infra/sql/sqlDb.js';

/** A new signing key every 90 days; the previous one stays published another 90, for tokens it signed. */
export const KEY_ROTATION_DAYS = 90;
const PERIOD_MS = KEY_ROTATION_DAYS * 86_400_000;

const kidOf = (period: number) => `prm-${period}`;

/**
 * The PRM provider's signing keys (RS256), in the database so every node signs with the same ones. Each
 * 90-day period has one key, named after the period: a node starting in a period without one adds it, and
 * nodes starting at once agree on a single winner (the insert ignores a key the other already added). The
 * JWKS holds this period's key (oidc-provider signs with the first) and the previous period's.
 */
export const signingKeys = async (db: SqlDb, now: Date): Promise<JWK[]> => {
  const period = Math.floor(now.getTime() / PERIOD_MS);
  const current = kidOf(period);
  const exists = await db.get<{ kid: string }>('SELECT kid FROM oidc_signing_keys WHERE kid = ?', [current]);
  if (!exists) {
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    const jwk: JWK = { ...(await exportJWK(privateKey)), kid: current, alg: 'RS256', use: 'sig' };
    await db.run(
      'INSERT INTO oidc_signing_keys (kid, private_jwk, created_at) VALUES (?, ?, ?) ON CONFLICT (kid) DO NOTHING',
      [current, JSON.stringify(jwk), now.toISOString()],
    );
  }
  const rows = await db.all<{ kid: string; private_jwk: string }>(
    'SELECT kid, private_jwk FROM oidc_signing_keys WHERE kid IN (?, ?)',
    [current, kidOf(period - 1)],
  );
  return rows
    .sort((a, b) => (a.kid === current ? -1 : b.kid === current ? 1 : 0))
    .map((r) => JSON.parse(r.private_jwk) as JWK);
};
