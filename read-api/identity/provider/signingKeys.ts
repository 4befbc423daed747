import { exportJWK, generateKeyPair, type JWK } from 'jose';
import type { SqlDb } from '../../../infra/sql/sqlDb.js';

/** A new signing key every 90 days; the previous one stays published another 90, for tokens it signed. */
export const KEY_ROTATION_DAYS = 90;
const DAY = 86_400_000;

/**
 * The PRM provider's signing keys (RS256), in the database so every node signs with the same ones. At start
 * a node adds a new key when the newest is older than the rotation period; the JWKS publishes the keys of
 * the last two periods, newest first (oidc-provider signs with the first).
 */
export const signingKeys = async (db: SqlDb, now: Date): Promise<JWK[]> => {
  const load = () =>
    db.all<{ kid: string; private_jwk: string; created_at: string }>(
      'SELECT kid, private_jwk, created_at FROM oidc_signing_keys WHERE created_at > ? ORDER BY created_at DESC',
      [new Date(now.getTime() - 2 * KEY_ROTATION_DAYS * DAY).toISOString()],
    );
  let rows = await load();
  if (rows.length === 0 || rows[0].created_at <= new Date(now.getTime() - KEY_ROTATION_DAYS * DAY).toISOString()) {
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    const kid = `prm-${now.toISOString().slice(0, 10)}-${Math.random().toString(36).slice(2, 8)}`;
    const jwk: JWK = { ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' };
    await db.run('INSERT INTO oidc_signing_keys (kid, private_jwk, created_at) VALUES (?, ?, ?)', [
      kid,
      JSON.stringify(jwk),
      now.toISOString(),
    ]);
    rows = await load();
  }
  return rows.map((r) => JSON.parse(r.private_jwk) as JWK);
};
