import { z } from 'zod';
import { DealId, LeadId, PartnerId, PersonId, Slug } from '../../domain/shared/index.js';
import { CountryOut, DateOut, ExternalRefsOut, InstantOut, MoneyOut, named, pageOf } from '../../http/contract.js';
import type { Database } from '../../projections/readModels/database.js';

export const DealStatus = z.enum(['submitted', 'approved', 'rejected', 'withdrawn', 'won', 'lost', 'expired']);
export type DealStatus = z.infer<typeof DealStatus>;

const dealFields = {
  id: DealId,
  partnerId: PartnerId,
  partnerName: z.string().nullable(),
  registeredBy: PersonId,
  customer: z.object({ name: z.string(), domain: z.string(), country: CountryOut }),
  productLine: Slug,
  estimatedValue: MoneyOut,
  expectedCloseDate: DateOut,
  status: DealStatus,
  protectionActive: z.boolean().describe('approved and protected now'),
  conflict: z.boolean().describe('another partner registered the same customer and product line'),
  registeredAt: InstantOut,
  approvedAt: InstantOut.nullable(),
  protectionDays: z.number().int().nullable(),
  protectedUntil: InstantOut.nullable(),
  extensionCount: z.number().int(),
  rejectedAt: InstantOut.nullable(),
  withdrawnAt: InstantOut.nullable(),
  wonAmount: MoneyOut.nullable(),
  closedAt: InstantOut.nullable(),
  lostAt: InstantOut.nullable(),
  expiredAt: InstantOut.nullable(),
  reason: z.string().nullable(),
  statusChangedAt: InstantOut,
  leadId: LeadId.nullable().describe('the vendor-sourced lead this registration converted'),
  version: z.number().int(),
};
/** A deal registration. */
export const DealOut = named('Deal', z.object({ ...dealFields, externalRefs: ExternalRefsOut }));
export const DealPage = pageOf('DealPage', DealOut);
/** One deal; vendor staff over its partner also see the colliding registrations. */
export const DealDetailOut = named(
  'DealDetail',
  z.object({
    ...DealOut.shape,
    conflicts: z
      .array(named('ConflictingDeal', z.object({ ...dealFields, detectedAt: InstantOut.optional() })))
      .optional(),
    conflictsOutsideYourScope: z.number().int().optional(),
  }),
);

export type DealRow = Database['deals'] & { partner_name: string | null };

/** Protection is running right now: evaluated against the reader's clock, never projected. */
export const protectionActive = (row: Pick<Database['deals'], 'status' | 'protected_until'>, now: Date) =>
  row.status === 'approved' && row.protected_until !== null && row.protected_until > now.toISOString();

/** A deal as the API shows it: camelCase, money as Money, the conflict flag as a boolean. */
export const dealView = (row: DealRow, now: Date): Omit<z.input<typeof DealOut>, 'externalRefs'> => ({
  id: row.deal_id,
  partnerId: row.partner_id,
  partnerName: row.partner_name,
  registeredBy: row.registered_by,
  customer: { name: row.customer_name, domain: row.customer_domain, country: row.customer_country },
  productLine: row.product_line,
  estimatedValue: { amountMinor: Number(row.estimated_value_minor), currency: row.currency },
  expectedCloseDate: row.expected_close_date,
  status: row.status as DealStatus,
  protectionActive: protectionActive(row, now),
  conflict: Number(row.conflict) === 1,
  registeredAt: row.registered_at,
  approvedAt: row.approved_at,
  protectionDays: row.protection_days === null ? null : Number(row.protection_days),
  protectedUntil: row.protected_until,
  extensionCount: Number(row.extension_count),
  rejectedAt: row.rejected_at,
  withdrawnAt: row.withdrawn_at,
  wonAmount:
    row.won_amount_minor === null
      ? null
      : { amountMinor: Number(row.won_amount_minor), currency: row.won_currency ?? row.currency },
  closedAt: row.closed_at,
  lostAt: row.lost_at,
  expiredAt: row.expired_at,
  reason: row.status_reason,
  statusChangedAt: row.status_changed_at,
  leadId: row.lead_id,
  version: Number(row.version),
});
