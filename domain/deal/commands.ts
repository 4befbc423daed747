import type { Money } from '../shared/index.js';

export interface CustomerInput {
  readonly name: string;
  /** Already normalised (customerDomain.ts). */
  readonly domain: string;
  readonly country: string;
}

/**
 * Commands on one deal. Facts from other aggregates (the partner's status, the registrant's employer,
 * the channel's product lines and limits, the colliding registrations) are loaded by the handler.
 */
export type DealCommand =
  | {
      type: 'RegisterDeal';
      data: {
        dealId: string;
        partnerId: string;
        registeredBy: string;
        customer: CustomerInput;
        productLine: string;
        estimatedValue: Money;
        expectedCloseDate: string;
        /** The lead it converts, when it does. */
        leadId?: string;
        /** Status of the partner the deal is registered for ('none' when unknown). */
        partnerStatus: string;
        /** Current employer of the registrant, per the person's stream. */
        registrantEmployerId?: string;
        productLines: readonly string[];
        /** Other partners' pending or protected registrations of the same customer and product line. */
        conflictingDealIds: readonly string[];
      };
    }
  | { type: 'ApproveDeal'; data: { protectionDays: number } }
  | { type: 'RejectDeal'; data: { reason: string } }
  | { type: 'WithdrawDeal'; data: { reason?: string } }
  | {
      type: 'ExtendProtection';
      data: { protectedUntil: string; reason: string; maxExtensions: number; maxProtectionDays: number };
    }
  | { type: 'WinDeal'; data: { amount: Money; closedAt: string } }
  | { type: 'LoseDeal'; data: { reason: string } }
  | { type: 'ExpireDeal'; data: Record<string, never> };
