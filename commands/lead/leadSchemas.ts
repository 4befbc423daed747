import { z } from 'zod';
import { CustomerDomainInput } from '../../domain/deal/index.js';
import { CountryCode, IsoDate, LeadId, Money, Name, PartnerId, Reason, Slug } from '../../domain/shared/index.js';

export const LeadParams = z.strictObject({ id: LeadId });

/** Money that must be more than nothing. */
const PositiveMoney = Money.refine((m) => m.amountMinor > 0, {
  message: 'must be greater than zero',
  path: ['amountMinor'],
});

export const RegisterLeadBody = z.strictObject({
  customer: z.strictObject({ name: Name, domain: CustomerDomainInput, country: CountryCode }),
  region: Slug,
  productLine: Slug,
  estimatedValue: PositiveMoney.optional(),
  /** Where the lead came from: a campaign, a web form, an event… */
  source: Name,
  notes: Reason.optional(),
});
export type RegisterLeadBody = z.infer<typeof RegisterLeadBody>;

export const AssignLeadBody = z.strictObject({ partnerId: PartnerId });
export const EmptyBody = z.strictObject({});
export const LeadReasonBody = z.strictObject({ reason: Reason });
export const ConvertLeadBody = z.strictObject({ expectedCloseDate: IsoDate, estimatedValue: PositiveMoney });
export type ConvertLeadBody = z.infer<typeof ConvertLeadBody>;
