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
    }
  | {
      /** A service account (DESIGN §11): its vendor roles work as a person's; `integration` reads the feed. */
      readonly kind: 'api-client';
      readonly clientId: string;
      readonly name: string;
      readonly vendorRoles: readonly VendorRoleGrant[];
      readonly integration: boolean;
    };

export const ADMIN_KEY_PRINCIPAL: Principal = { kind: 'admin-key' };

/**
 * The platform itself acting for the vendor: the seed, sweepers, policies and CLI commands. A kind of
 * its own rather than the admin-key principal, so that the log and the rules tell a system action from
 * a request made with the admin key. No HTTP caller can obtain it: authentication answers a `Principal`,
 * which has no such kind; only in-process code can make one (with `systemPrincipal`).
 */
export interface SystemPrincipal {
  readonly kind: 'system';
  /** What acts, e.g. `seed` or `deal-expiry-sweeper`. */
  readonly id: string;
}

/** Whoever a command acts for: a request's principal, or the system (which has a vendor admin's powers). */
export type Caller = Principal | SystemPrincipal;

export const systemPrincipal = (id: string): SystemPrincipal => ({ kind: 'system', id });
