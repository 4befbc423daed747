import * as E from 'fp-ts/lib/Either.js';
import { domainError, type Decider, type DomainError } from '../shared/index.js';
import type { MdfCommand } from './commands.js';
import { decideClaim } from './decideClaim.js';
import { field } from './guards.js';
import { decideRequest } from './decideRequest.js';
import * as ev from './events.js';
import type { MdfEvent } from './events.js';
import { initialFundState, type FundState, type MdfClaim, type MdfRequest } from './state.js';

const withRequest = (s: FundState, id: string, change: Partial<MdfRequest>): FundState =>
  s.requests[id] ? { ...s, requests: { ...s.requests, [id]: { ...s.requests[id], ...change } } } : s;
const withClaim = (s: FundState, id: string, change: Partial<MdfClaim>): FundState =>
  s.claims[id] ? { ...s, claims: { ...s.claims, [id]: { ...s.claims[id], ...change } } } : s;

export const evolve = (state: FundState, event: MdfEvent): FundState => {
  switch (event.type) {
    case 'MdfFundAllocated': {
      const { fundId, partnerId, period, amount, expiresAt } = event.data;
      return {
        ...state,
        status: 'open',
        fundId,
        partnerId,
        period,
        expiresAt,
        currency: amount.currency,
        allocated: amount.amountMinor,
      };
    }
    case 'MdfRequestSubmitted': {
      const { requestId, activity, amount, activityDate } = event.data;
      const request: MdfRequest = {
        requestId,
        activity,
        amountMinor: amount.amountMinor,
        activityDate,
        status: 'submitted',
      };
      return { ...state, requests: { ...state.requests, [requestId]: request } };
    }
    case 'MdfRequestApproved': {
      const { requestId, approvedAmount, claimDeadline } = event.data;
      const approved = withRequest(state, requestId, {
        status: 'approved',
        approvedMinor: approvedAmount.amountMinor,
        claimDeadline,
      });
      return { ...approved, committed: state.committed + approvedAmount.amountMinor };
    }
    case 'MdfRequestRejected':
      return withRequest(state, event.data.requestId, { status: 'rejected' });
    case 'MdfClaimSubmitted': {
      const { claimId, requestId, amount } = event.data;
      const claim: MdfClaim = { claimId, requestId, amountMinor: amount.amountMinor, status: 'submitted' };
      const withNew = {
        ...state,
        claims: { ...state.claims, [claimId]: claim },
        claimed: state.claimed + amount.amountMinor,
      };
      return withRequest(withNew, requestId, { claimId });
    }
    case 'MdfClaimApproved':
      return withClaim(state, event.data.claimId, {
        status: 'approved',
        approvedMinor: event.data.approvedAmount.amountMinor,
      });
    case 'MdfClaimRejected': {
      const claim = state.claims[event.data.claimId];
      if (!claim) return state;
      // The request is free to be claimed again.
      const rejected = withRequest(withClaim(state, claim.claimId, { status: 'rejected' }), claim.requestId, {
        claimId: undefined,
      });
      return { ...rejected, claimed: state.claimed - claim.amountMinor };
    }
    case 'MdfClaimPaid': {
      const claim = state.claims[event.data.claimId];
      if (!claim) return state;
      // Paying settles the request: its commitment becomes the (possibly smaller) paid amount.
      const request = state.requests[claim.requestId];
      const paid = withClaim(state, claim.claimId, { status: 'paid' });
      return {
        ...paid,
        committed: state.committed - (request?.approvedMinor ?? 0),
        paid: state.paid + (claim.approvedMinor ?? 0),
      };
    }
    case 'MdfFundClosed':
      return { ...state, status: 'closed' };
  }
};

const allocate = (data: Extract<MdfCommand, { type: 'AllocateFund' }>['data'], state: FundState, now: Date) => {
  if (state.status !== 'none') return E.left(domainError('duplicate', 'fund already exists'));
  const { partnerStatus, ...fund } = data;
  if (partnerStatus === 'none') return E.left(domainError('not_found', 'partner not found'));
  if (partnerStatus !== 'approved' && partnerStatus !== 'active')
    return E.left(domainError('invalid_state', `cannot allocate a fund to a partner that is ${partnerStatus}`));
  if (fund.amount.amountMinor <= 0) return E.left(field('amount.amountMinor', 'must be more than zero'));
  if (Date.parse(fund.expiresAt) <= now.getTime()) return E.left(field('expiresAt', 'must be in the future'));
  return E.right([ev.MdfFundAllocated.create(fund)]);
};

const decide = (command: MdfCommand, state: FundState, now: Date): E.Either<DomainError, readonly MdfEvent[]> => {
  if (command.type === 'AllocateFund') return allocate(command.data, state, now);
  if (state.status === 'none') return E.left(domainError('not_found', 'fund not found'));
  switch (command.type) {
    case 'SubmitRequest':
    case 'ApproveRequest':
    case 'RejectRequest':
      return decideRequest(command, state, now);
    case 'SubmitClaim':
    case 'ApproveClaim':
    case 'RejectClaim':
    case 'PayClaim':
      return decideClaim(command, state, now);
    case 'CloseFund':
      if (state.status === 'closed') return E.left(domainError('invalid_state', 'the fund is already closed'));
      return E.right([ev.MdfFundClosed.create(command.data)]);
  }
};

export const fundDecider: Decider<MdfCommand, MdfEvent, FundState> = { initialState: initialFundState, evolve, decide };
