import * as E from 'fp-ts/lib/Either.js';
import { domainError, startOfDay, type DomainError } from '../shared/index.js';
import type { MdfCommand } from './commands.js';
import * as ev from './events.js';
import type { MdfEvent } from './events.js';
import { refuseBadAmount, refuseUnlessActive } from './guards.js';
import type { FundState } from './state.js';

type ClaimCommand = Extract<MdfCommand, { type: 'SubmitClaim' | 'ApproveClaim' | 'RejectClaim' | 'PayClaim' }>;
type Decision = E.Either<DomainError, readonly MdfEvent[]>;

const left = (e: DomainError | undefined): Decision | undefined => (e ? E.left(e) : undefined);
const money = (amountMinor: number, s: FundState) => `${amountMinor} ${s.currency}`;

const submit = (d: Extract<ClaimCommand, { type: 'SubmitClaim' }>['data'], s: FundState, now: Date): Decision => {
  if (s.claims[d.claimId]) return E.left(domainError('duplicate', 'claim already exists'));
  const request = s.requests[d.requestId];
  if (!request) return E.left(domainError('not_found', 'request not found'));
  // Malformed input first (400), then the state of things (409), then the money rules (422).
  const bad = left(refuseBadAmount(s, d.amount, 'amount'));
  if (bad) return bad;
  if (request.status !== 'approved')
    return E.left(
      domainError('invalid_state', `only an approved request can be claimed; this one is ${request.status}`),
    );
  const refusal = left(refuseUnlessActive(s, now));
  if (refusal) return refusal;
  const open = request.claimId ? s.claims[request.claimId] : undefined;
  if (open?.status === 'paid')
    return E.left(domainError('invalid_state', `the request was already paid (claim ${open.claimId})`));
  if (open)
    return E.left(
      domainError('invalid_state', `the request already has claim ${open.claimId}, which is ${open.status}`),
    );
  if (now.getTime() < startOfDay(request.activityDate).getTime())
    return E.left(domainError('invalid_state', `the activity has not taken place yet (${request.activityDate})`));
  if (now.getTime() >= Date.parse(request.claimDeadline ?? ''))
    return E.left(domainError('invalid_state', `claims for this request were due before ${request.claimDeadline}`));
  if (d.amount.amountMinor > (request.approvedMinor ?? 0))
    return E.left(
      domainError(
        'limit_exceeded',
        `claimed ${money(d.amount.amountMinor, s)} exceeds the approved ${money(request.approvedMinor ?? 0, s)}`,
      ),
    );
  return E.right([ev.MdfClaimSubmitted.create(d)]);
};

export const decideClaim = (command: ClaimCommand, s: FundState, now: Date): Decision => {
  if (command.type === 'SubmitClaim') return submit(command.data, s, now);
  const claim = s.claims[command.data.claimId];
  if (!claim) return E.left(domainError('not_found', 'claim not found'));
  if (command.type === 'PayClaim') {
    // Paying an approved claim is the one thing still allowed once the fund is closed or expired.
    if (claim.status === 'paid') return E.left(domainError('invalid_state', 'the claim is already paid'));
    if (claim.status !== 'approved')
      return E.left(domainError('invalid_state', `only an approved claim can be paid; this one is ${claim.status}`));
    return E.right([ev.MdfClaimPaid.create(command.data)]);
  }
  const bad =
    command.type === 'ApproveClaim'
      ? left(refuseBadAmount(s, command.data.approvedAmount, 'approvedAmount'))
      : undefined;
  if (bad) return bad;
  if (claim.status !== 'submitted') return E.left(domainError('invalid_state', `the claim is already ${claim.status}`));
  const refusal = left(refuseUnlessActive(s, now));
  if (refusal) return refusal;
  if (command.type === 'RejectClaim') return E.right([ev.MdfClaimRejected.create(command.data)]);
  const { approvedAmount } = command.data;
  if (approvedAmount.amountMinor > claim.amountMinor)
    return E.left(
      domainError(
        'limit_exceeded',
        `approved ${money(approvedAmount.amountMinor, s)} exceeds the claimed ${money(claim.amountMinor, s)}`,
      ),
    );
  return E.right([ev.MdfClaimApproved.create(command.data)]);
};
