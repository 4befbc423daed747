import { createHash, randomBytes } from 'node:crypto';
import type { SqlDb, TransactionalSqlDb } from '../../infra/sql/sqlDb.js';

/** A link works once, within 15 minutes. */
export const LINK_MINUTES = 15;
/** Links asked for one address, and from one address, within the window before further asks are refused. */
export const LINKS_PER_EMAIL = 5;
export const LINKS_PER_ADDRESS = 100;
export const THROTTLE_MINUTES = 15;

const digest = (secret: string) => createHash('sha256').update(secret).digest('hex');
const minutesBefore = (now: Date, minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString();

export interface IssuedLink {
  /** The secret to put in the link; only its SHA-256 is stored. */
  readonly secret: string;
  readonly expiresAt: string;
}

/**
 * One-time sign-in links (DESIGN §14) in the product's database, so any node of a cluster can redeem one
 * another issued. Every ask is a row, whether or not the address is known: the throttle counts rows
 * per address and per caller, and an unknown address is indistinguishable from a known one.
 */
export const signInLinks = (db: TransactionalSqlDb) => ({
  /** Would one more ask exceed a limit? */
  throttled: async (email: string, address: string, now: Date): Promise<boolean> => {
    const since = minutesBefore(now, THROTTLE_MINUTES);
    const count = async (column: 'email' | 'address', value: string) =>
      (
        await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM sign_in_links WHERE ${column} = ? AND created_at > ?`, [
          value,
          since,
        ])
      )?.n ?? 0;
    return (
      Number(await count('email', email)) >= LINKS_PER_EMAIL ||
      Number(await count('address', address)) >= LINKS_PER_ADDRESS
    );
  },
  issue: async (
    ask: { email: string; personId?: string; returnTo?: string; address: string },
    now: Date,
  ): Promise<IssuedLink> => {
    const secret = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + LINK_MINUTES * 60_000).toISOString();
    await db.run(
      'INSERT INTO sign_in_links (link_hash, email, person_id, return_to, address, created_at, expires_at, used_at) ' +
        'VALUES (?, ?, ?, ?, ?, ?, ?, NULL)',
      [
        digest(secret),
        ask.email,
        ask.personId ?? null,
        ask.returnTo ?? null,
        ask.address,
        now.toISOString(),
        expiresAt,
      ],
    );
    return { secret, expiresAt };
  },
  /**
   * Uses a link: the person and where it leads when it is unused, unexpired and names a person; marks it
   * used in the same statement, so two concurrent uses cannot both succeed.
   */
  redeem: async (secret: string, now: Date): Promise<{ personId: string; returnTo?: string } | undefined> => {
    const hash = digest(secret);
    return db.transaction(async (tx: SqlDb) => {
      const used = await tx.run(
        'UPDATE sign_in_links SET used_at = ? WHERE link_hash = ? AND used_at IS NULL AND expires_at > ? ' +
          'AND person_id IS NOT NULL',
        [now.toISOString(), hash, now.toISOString()],
      );
      if (used.changes !== 1) return undefined;
      const row = await tx.get<{ person_id: string; return_to: string | null }>(
        'SELECT person_id, return_to FROM sign_in_links WHERE link_hash = ?',
        [hash],
      );
      return row ? { personId: row.person_id, ...(row.return_to ? { returnTo: row.return_to } : {}) } : undefined;
    });
  },
});
export type SignInLinks = ReturnType<typeof signInLinks>;
