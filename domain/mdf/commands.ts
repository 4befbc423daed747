import type { Money } from '../shared/index.js';
import type { MdfActivity, ProofItem } from './events.js';

export type MdfCommand =
  | {
      type: 'AllocateFund';
      data: {
        fundId: string;
        partnerId: string;
        period: string;
        amount: Money;
        expiresAt: string;
        /** Status of the partner (loaded by the handler): only approved or active partners get funds. */
        partnerStatus: string;
      };
    }
  | {
      type: 'SubmitRequest';
      data: {
        requestId: string;
        activity: MdfActivity;
        description: string;
        amount: Money;
        activityDate: string;
        submittedBy: string;
      };
    }
  | {
      type: 'ApproveRequest';
      /** `claimDays`: the channel's `mdfClaimDays` at approval (loaded by the handler). */
      data: { requestId: string; approvedAmount: Money; claimDays: number };
    }
  | { type: 'RejectRequest'; data: { requestId: string; reason: string } }
  | {
      type: 'SubmitClaim';
      data: { claimId: string; requestId: string; amount: Money; proof: ProofItem[]; submittedBy: string };
    }
  | { type: 'ApproveClaim'; data: { claimId: string; approvedAmount: Money } }
  | { type: 'RejectClaim'; data: { claimId: string; reason: string } }
  | { type: 'PayClaim'; data: { claimId: string; paymentReference: string } }
  | { type: 'CloseFund'; data: { reason?: string } };
