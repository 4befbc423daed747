import { z } from 'zod';
import {
  CountryCode,
  Money,
  Name,
  PartnerId,
  PartnerType,
  Period,
  PersonId,
  Reason,
  Slug,
  Tier,
  Url,
} from '../../domain/shared/index.js';

export const PartnerParams = z.strictObject({ id: PartnerId });

export const ApplyPartnerBody = z.strictObject({
  name: Name,
  website: Url,
  country: CountryCode,
  region: Slug,
  type: PartnerType,
  parentPartnerId: PartnerId.optional(),
});
export const ApprovePartnerBody = z.strictObject({ tier: Tier });
export const ReasonBody = z.strictObject({ reason: Reason });
export const SignAgreementBody = z.strictObject({
  agreementVersion: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[\w.-]+$/, 'letters, digits, dot, dash, underscore'),
  signedBy: Name,
});
export const ChangeTierBody = z.strictObject({ tier: Tier, reason: Reason });
export const ChangeRegionBody = z.strictObject({ region: Slug });
export const AssignChannelManagerBody = z.strictObject({ personId: PersonId });
export const SetQuotaBody = z.strictObject({ period: Period, amount: Money });
export const EmptyBody = z.strictObject({});
