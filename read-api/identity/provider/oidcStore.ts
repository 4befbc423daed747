import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { SqlDb } from '../../../infra/sql/sqlDb.js';

interface Row {
  payload: string;
  expires_at: string | null;
  consumed_at: string | null;
}

/** Expired rows are swept now and then, not on every write. */
const SWEEP_EVERY = 500;

/**
 * oidc-provider's storage in the product's database (`oidc_store`): every model it keeps (sessions,
 * interactions, grants, codes, access and refresh tokens) as JSON under (model, id), with the columns its
 * lookups need. Portable SQL (upsert by ON CONFLICT), so a PostgreSQL cluster shares one provider state and
 * any node can finish a sign-in another began. Clients are not stored here: they are the `oidc_clients`
 * read model of `OidcClientRegistered` (`findClient`). Times are the wall clock's, as oidc-provider's are.
 */
export const oidcStore = (db: SqlDb, findClient: (id: string) => Promise<AdapterPayload | undefined>) => {
  let writes = 0;
  const live = (row: Row | undefined): AdapterPayload | undefined => {
    if (!row || (row.expires_at !== null && row.expires_at <= new Date().toISOString())) return undefined;
    const payload = JSON.parse(row.payload) as AdapterPayload;
    return row.consumed_at === null ? payload : { ...payload, consumed: Number(row.consumed_at) };
  };
  return (model: string): Adapter => {
    const by = async (column: 'id' | 'uid' | 'user_code', value: string) =>
      live(
        await db.get<Row>(`SELECT payload, expires_at, consumed_at FROM oidc_store WHERE model = ? AND ${column} = ?`, [
          model,
          value,
        ]),
      );
    return {
      upsert: async (id, payload, expiresIn) => {
        const expiresAt = expiresIn ? new Date(Date.now() + expiresIn * 1000).toISOString() : null;
        await db.run(
          'INSERT INTO oidc_store (model, id, payload, grant_id, uid, user_code, expires_at, consumed_at) ' +
            'VALUES (?, ?, ?, ?, ?, ?, ?, NULL) ON CONFLICT (model, id) DO UPDATE SET payload = excluded.payload, ' +
            'grant_id = excluded.grant_id, uid = excluded.uid, user_code = excluded.user_code, ' +
            'expires_at = excluded.expires_at',
          [
            model,
            id,
            JSON.stringify(payload),
            payload.grantId ?? null,
            payload.uid ?? null,
            payload.userCode ?? null,
            expiresAt,
          ],
        );
        writes += 1;
        if (writes % SWEEP_EVERY === 0)
          await db.run('DELETE FROM oidc_store WHERE expires_at < ?', [new Date().toISOString()]);
      },
      find: (id) => (model === 'Client' ? findClient(id) : by('id', id)),
      findByUid: (uid) => by('uid', uid),
      findByUserCode: (userCode) => by('user_code', userCode),
      consume: async (id) => {
        await db.run('UPDATE oidc_store SET consumed_at = ? WHERE model = ? AND id = ?', [
          String(Math.floor(Date.now() / 1000)),
          model,
          id,
        ]);
      },
      destroy: async (id) => {
        await db.run('DELETE FROM oidc_store WHERE model = ? AND id = ?', [model, id]);
      },
      // A grant revoked takes every code and token issued under it along (any model).
      revokeByGrantId: async (grantId) => {
        await db.run('DELETE FROM oidc_store WHERE grant_id = ?', [grantId]);
      },
    };
  };
};
