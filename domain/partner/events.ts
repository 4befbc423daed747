import { z } from 'zod';
import {
  CountryCode,
  defineEvent,
  Money,
  Name,
  PartnerId,
  PartnerType,
  Period,
  PersonId,
  Reason,
  singleLine,
  Slug,
  Tier,
  Url,
  type EventOf,
} from '../shared/index.js';

/** v2: adds `domain`, the web domain derived from `website` (v1 events are upcast: app/upcasters.ts). */
export const PartnerApplied = defineEvent(
  'PartnerApplied',
  z.object({
    partnerId: PartnerId,
    name: Name,
    website: Url,
    domain: z
      .string()
      .min(1)
      .max(253)
      .refine((d) => d === d.toLowerCase(), 'must be lower-case'),
    country: CountryCode,
    region: Slug,
    type: PartnerType,
    parentPartnerId: PartnerId.optional(),
  }),
  2,
);
export const PartnerApproved = defineEvent('PartnerApproved', z.object({ tier: Tier }));
export const PartnerRejected = defineEvent('PartnerRejected', z.object({ reason: Reason }));
export const PartnerAgreementSigned = defineEvent(
  'PartnerAgreementSigned',
  z.object({ agreementVersion: singleLine(64), signedBy: Name }),
);
export const PartnerActivated = defineEvent('PartnerActivated', z.object({}));
export const PartnerTierChanged = defineEvent('PartnerTierChanged', z.object({ from: Tier, to: Tier, reason: Reason }));
export const PartnerRegionChanged = defineEvent('PartnerRegionChanged', z.object({ from: Slug, to: Slug }));
export const ChannelManagerAssigned = defineEvent('ChannelManagerAssigned', z.object({ personId: PersonId }));
export const PartnerQuotaSet = defineEvent('PartnerQuotaSet', z.object({ period: Period, amount: Money }));
export const PartnerSuspended = defineEvent('PartnerSuspended', z.object({ reason: Reason }));
export const PartnerReinstated = defineEvent('PartnerReinstated', z.object({}));
export const PartnerTerminated = defineEvent('PartnerTerminated', z.object({ reason: Reason }));

export const partnerEvents = [
  PartnerApplied,
  PartnerApproved,
  PartnerRejected,
  PartnerAgreementSigned,
  PartnerActivated,
  PartnerTierChanged,
  PartnerRegionChanged,
  ChannelManagerAssigned,
  PartnerQuotaSet,
  PartnerSuspended,
  PartnerReinstated,
  PartnerTerminated,
] as const;
export type PartnerEvent = EventOf<typeof partnerEvents>;
