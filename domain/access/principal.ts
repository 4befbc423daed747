import type { EmployeeRole, PartnerType, Tier, VendorRole } from '../shared/index.js';

export interface VendorRoleGrant {
  readonly role: VendorRole;
  /** Regions a channel manager covers; absent means every region. */
  readonly regions?: readonly string[];
}

export interface Employer {
  readonly partnerId: string;
  readonly role: EmployeeRole;
  readonly status: string;
  readonly tier?: Tier;
  readonly region?: string;
  readonly type?: PartnerType;
}

/** Who is calling, as the access read model knows them right now. */
export type Principal =
  | { readonly kind: 'admin-key' }
  | {
      readonly kind: 'person';
      readonly personId: string;
      readonly vendorRoles: readonly VendorRoleGrant[];
      readonly employer?: Employer;
    };

export const ADMIN_KEY_PRINCIPAL: Principal = { kind: 'admin-key' };
