import type { EmployeeRole, VendorRole } from '../shared/index.js';

export interface Certification {
  readonly earnedAt: string;
  readonly expiresAt: string;
  readonly revoked: boolean;
}

export interface PersonState {
  readonly status: 'none' | 'registered';
  readonly personId?: string;
  readonly name?: string;
  readonly email?: string;
  readonly vendorRoles: Readonly<Partial<Record<VendorRole, { regions?: readonly string[] }>>>;
  readonly employment?: { readonly partnerId: string; readonly role: EmployeeRole };
  readonly certifications: Readonly<Record<string, Certification>>;
}

export const initialPersonState: PersonState = { status: 'none', vendorRoles: {}, certifications: {} };

/** A certification counts while it is not revoked and `now < expiresAt` (derived, no event). */
export const isCertificationValid = (c: Certification | undefined, now: Date): boolean =>
  c !== undefined && !c.revoked && now.getTime() < Date.parse(c.expiresAt);
