import type { Money, PartnerType, Period, Tier } from '../shared/index.js';

/** Facts about another partner that a command needs; loaded by the handler, judged by the decider. */
export interface PartnerFacts {
  readonly partnerId: string;
  readonly type?: PartnerType;
  readonly status: string;
}

export type PartnerCommand =
  | {
      type: 'ApplyPartner';
      data: {
        partnerId: string;
        name: string;
        website: string;
        country: string;
        region: string;
        type: PartnerType;
        parentPartnerId?: string;
        parent?: PartnerFacts;
      };
    }
  | { type: 'ApprovePartner'; data: { tier: Tier } }
  | { type: 'RejectPartner'; data: { reason: string } }
  | { type: 'SignAgreement'; data: { agreementVersion: string; signedBy: string } }
  | { type: 'ChangeTier'; data: { tier: Tier; reason: string } }
  | { type: 'ChangeRegion'; data: { region: string } }
  | { type: 'AssignChannelManager'; data: { personId: string; personIsChannelManager: boolean } }
  | { type: 'SetQuota'; data: { period: Period; amount: Money } }
  | { type: 'SuspendPartner'; data: { reason: string } }
  | { type: 'ReinstatePartner'; data: Record<string, never> }
  | { type: 'TerminatePartner'; data: { reason: string } };
