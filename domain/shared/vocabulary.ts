import { z } from 'zod';

/** Partner tiers, lowest first: the order matters for tier signals. */
export const tiers = ['registered', 'silver', 'gold', 'platinum'] as const;
export const Tier = z.enum(tiers);
export type Tier = z.infer<typeof Tier>;
export const tierRank = (t: Tier): number => tiers.indexOf(t);

export const PartnerType = z.enum(['reseller', 'distributor', 'msp', 'referral']);
export type PartnerType = z.infer<typeof PartnerType>;

export const EmployeeRole = z.enum(['admin', 'manager', 'sales', 'technical', 'marketing']);
export type EmployeeRole = z.infer<typeof EmployeeRole>;

export const VendorRole = z.enum(['vendor_admin', 'channel_manager', 'auditor', 'analyst']);
export type VendorRole = z.infer<typeof VendorRole>;

export const defaultProductLines = ['storage', 'compute', 'network', 'software', 'services'] as const;
