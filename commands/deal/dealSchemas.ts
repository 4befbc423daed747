import { z } from 'zod';
import { CustomerDomainInput } from '../../domain/deal/index.js';
import { ExternalRefsInput } from '../externalRef/externalRefSchemas.js';
import {
  CountryCode,
  DealId,
  Instant,
  IsoDate,
  Money,
  Name,
  PartnerId,
  Reason,
  Slug,
} from '../../domain/shared/index.js';

export const DealParams = z.strictObject({ id: DealId });

/** Money that must be more than nothing: a deal of zero is no deal. */
const PositiveMoney = Money.refine((m) => m.amountMinor > 0, {
  message: 'must be greater than zero',
  path: ['amountMinor'],
});

/** A date means the end of that day (UTC); an instant is taken as given. */
const EndOfProtection = z.union([IsoDate.transform((d) => `${d}T23:59:59.999Z`), Instant], {
  error: 'must be a date YYYY-MM-DD or an ISO-8601 UTC instant',
});
/** A date means the start of that day (UTC). */
const ClosingInstant = z.union([IsoDate.transform((d) => `${d}T00:00:00.000Z`), Instant], {
  error: 'must be a date YYYY-MM-DD or an ISO-8601 UTC instant',
});

export const RegisterDealBody = z.strictObject({
  partnerId: PartnerId,
  customer: z.strictObject({ name: Name, domain: CustomerDomainInput, country: CountryCode }),
  productLine: Slug,
  estimatedValue: PositiveMoney,
  expectedCloseDate: IsoDate,
  /** The deal's ids in the partner's CRM: a registration retried with the same id answers the first deal. */
  externalRefs: ExternalRefsInput.optional(),
});
export type RegisterDealBody = z.infer<typeof RegisterDealBody>;

export const ApproveDealBody = z.strictObject({ protectionDays: z.number().int().min(1).max(3650).optional() });
export const ReasonBody = z.strictObject({ reason: Reason });
export const WithdrawDealBody = z.strictObject({ reason: Reason.optional() });
export const ExtendProtectionBody = z.strictObject({ protectedUntil: EndOfProtection, reason: Reason });
export const WinDealBody = z.strictObject({ amount: PositiveMoney, closedAt: ClosingInstant });
