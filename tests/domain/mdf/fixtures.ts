import {
  MdfClaimApproved,
  MdfClaimPaid,
  MdfClaimSubmitted,
  MdfFundAllocated,
  MdfRequestApproved,
  MdfRequestSubmitted,
  type MdfCommand,
} from '../../../domain/mdf/index.js';
import { money, type Money } from '../../../domain/shared/index.js';

export const fundId = 'mdf_fund000001';
export const partnerId = 'ptr_acme00001';
export const requestId = 'req_req000001';
export const otherRequestId = 'req_req000002';
export const claimId = 'clm_clm000001';
export const otherClaimId = 'clm_clm000002';
export const ann = 'per_ann000001';
/** The fund expires on 1 July; SPEC_NOW is 15 March. */
export const expiresAt = '2026-07-01T00:00:00.000Z';
export const eur = (amountMinor: number): Money => money(amountMinor, 'EUR');
export const proof = [{ name: 'Event photos', uri: 'https://files.acme.example/photos.zip' }];
/** After the activity (10 April), inside the claim window. */
export const CLAIM_TIME = '2026-04-20T00:00:00.000Z';
/** 10 April + 60 days + the rest of that day. */
export const deadline60 = '2026-06-10T00:00:00.000Z';

export const allocated = MdfFundAllocated.create({
  fundId,
  partnerId,
  period: '2026-Q2',
  amount: eur(1_000_000),
  expiresAt,
});
export const submitted = (id = requestId, amountMinor = 400_000, activityDate = '2026-04-10') =>
  MdfRequestSubmitted.create({
    requestId: id,
    activity: 'event',
    description: 'Storage roadshow',
    amount: eur(amountMinor),
    activityDate,
    submittedBy: ann,
  });
export const approved = (id = requestId, amountMinor = 400_000, claimDeadline = deadline60) =>
  MdfRequestApproved.create({ requestId: id, approvedAmount: eur(amountMinor), claimDeadline });
export const claimed = (id = claimId, amountMinor = 300_000, forRequest = requestId) =>
  MdfClaimSubmitted.create({ claimId: id, requestId: forRequest, amount: eur(amountMinor), proof, submittedBy: ann });
export const claimApproved = (id = claimId, amountMinor = 300_000) =>
  MdfClaimApproved.create({ claimId: id, approvedAmount: eur(amountMinor) });
export const paid = (id = claimId) => MdfClaimPaid.create({ claimId: id, paymentReference: 'SEPA-2026-0042' });

export const submit = (amount: Money = eur(400_000), id = requestId, activityDate = '2026-04-10'): MdfCommand => ({
  type: 'SubmitRequest',
  data: { requestId: id, activity: 'event', description: 'Storage roadshow', amount, activityDate, submittedBy: ann },
});
export const approve = (amount: Money = eur(400_000), id = requestId, claimDays = 60): MdfCommand => ({
  type: 'ApproveRequest',
  data: { requestId: id, approvedAmount: amount, claimDays },
});
export const claim = (amount: Money = eur(300_000), id = claimId, forRequest = requestId): MdfCommand => ({
  type: 'SubmitClaim',
  data: { claimId: id, requestId: forRequest, amount, proof, submittedBy: ann },
});
export const approveClaim = (amount: Money = eur(300_000), id = claimId): MdfCommand => ({
  type: 'ApproveClaim',
  data: { claimId: id, approvedAmount: amount },
});
export const pay = (id = claimId): MdfCommand => ({
  type: 'PayClaim',
  data: { claimId: id, paymentReference: 'SEPA-2026-0042' },
});
