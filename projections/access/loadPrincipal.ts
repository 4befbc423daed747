import type { Principal, VendorRoleGrant } from '../../domain/access/index.js';
import type { EmployeeRole, PartnerType, Tier } from '../../domain/shared/index.js';
import type { SqlDb } from '../../infra/sql/sqlDb.js';
import { readModelDb } from '../readModels/readModelDb.js';

/** The caller as the access read model knows them now; undefined for an unknown person. */
export const loadPrincipal = async (db: SqlDb, personId: string): Promise<Principal | undefined> => {
  const row = await readModelDb(db).selectOne(
    'access_principals',
    ['vendor_roles', 'partner_id', 'partner_role', 'partner_status', 'partner_tier', 'partner_region', 'partner_type'],
    { person_id: personId },
  );
  if (!row) return undefined;
  return {
    kind: 'person',
    personId,
    vendorRoles: JSON.parse(row.vendor_roles) as VendorRoleGrant[],
    ...(row.partner_id
      ? {
          employer: {
            partnerId: row.partner_id,
            role: row.partner_role as EmployeeRole,
            status: row.partner_status ?? 'unknown',
            ...(row.partner_tier ? { tier: row.partner_tier as Tier } : {}),
            ...(row.partner_region ? { region: row.partner_region } : {}),
            ...(row.partner_type ? { type: row.partner_type as PartnerType } : {}),
          },
        }
      : {}),
  };
};
