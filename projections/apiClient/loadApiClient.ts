import { createHash } from 'node:crypto';
import type { Principal, VendorRoleGrant } from '../../domain/access/index.js';
import type { ApiClientRole } from '../../domain/apiClient/index.js';
import type { VendorRole } from '../../domain/shared/index.js';
import type { SqlDb } from '../../infra/sql/sqlDb.js';

/**
 * The API client a bearer key belongs to, when the key is valid now (client active, key not ended);
 * undefined otherwise. The key is only ever hashed, never kept or logged.
 */
export const loadApiClient = async (db: SqlDb, key: string, now: Date): Promise<Principal | undefined> => {
  const hash = createHash('sha256').update(key).digest('hex');
  const row = await db.get<{ client_id: string; name: string; roles: string; regions: string | null }>(
    `SELECT c.client_id, c.name, c.roles, c.regions FROM api_client_keys k
     JOIN api_clients c ON c.client_id = k.client_id
     WHERE k.key_hash = ? AND c.status = 'active' AND (k.valid_until IS NULL OR k.valid_until > ?)`,
    [hash, now.toISOString()],
  );
  if (!row) return undefined;
  const roles = JSON.parse(row.roles) as ApiClientRole[];
  const regions = row.regions === null ? undefined : (JSON.parse(row.regions) as string[]);
  const vendorRoles: VendorRoleGrant[] = roles
    .filter((r): r is VendorRole => r !== 'integration')
    .map((role) => (role === 'channel_manager' && regions ? { role, regions } : { role }));
  return {
    kind: 'api-client',
    clientId: row.client_id,
    name: row.name,
    vendorRoles,
    integration: roles.includes('integration'),
  };
};
