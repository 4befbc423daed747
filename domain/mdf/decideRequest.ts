import * as E from 'fp-ts/lib/Either.js';
import { addDays, domainError, startOfDay, type DomainError } from '../shared/index.js';
import type { MdfCommand } from './commands.js';
import * as ev from './events.js';
import type { MdfEvent } from './events.js';
import { field, refuseBadAmount, refuseUnlessActive } from './guards.js';
import { available, type FundState } from './state.js';

type RequestCommand = Extract<MdfCommand, { type: 'SubmitRequest' | 'ApproveRequest' | 'RejectRequest' }>;
type Decision = E.Either<DomainError, readonly MdfEvent[]>;

const left = (e: DomainError | undefined): Decision | undefined => (e ? E.left(e) : undefined);
const money = (amountMinor: number, s: FundState) => `${amountMinor} ${s.currency}`;

/**
 * The claim window of an approved request: claims until the end of the day `claimDays` after the
 * activity (UTC), and never once the fund has expired. Answers the first instant claims are refused.
 */
export const claimDeadlineOf = (activityDate: string, claimDays: number, fundExpiresAt: string): string => {
  const window = addDays(startOfDay(activityDate), claimDays + 1).getTime();
  return new Date(Math.min(window, Date.parse(fundExpiresAt))).toISOString();
};

export const decideRequest = (command: RequestCommand, s: FundState, now: Date): Decision => {
  const inactive = left(refuseUnlessActive(s, now));
  if (command.type === 'SubmitRequest') {
    const d = command.data;
    if (s.requests[d.requestId]) return E.left(domainError('duplicate', 'request already exists'));
    const refusal = left(refuseBadAmount(s, d.amount, 'amount')) ?? inactive;
    if (refusal) return refusal;
    if (startOfDay(d.activityDate).getTime() >= Date.parse(s.expiresAt ?? ''))
      return E.left(field('activityDate', `must be before the fund expires (${s.expiresAt})`));
    if (d.amount.amountMinor > available(s))
      return E.left(
        domainError(
          'insufficient_funds',
          `requested ${money(d.amount.amountMinor, s)} but only ${money(available(s), s)} is available`,
        ),
      );
    return E.right([ev.MdfRequestSubmitted.create(d)]);
  }

  const request = s.requests[command.data.requestId];
  if (!request) return E.left(domainError('not_found', 'request not found'));
  // Malformed input first (400), then the state of things (409), then the money rules (422).
  const bad =
    command.type === 'ApproveRequest'
      ? left(refuseBadAmount(s, command.data.approvedAmount, 'approvedAmount'))
      : undefined;
  if (bad) return bad;
  if (request.status !== 'submitted')
    return E.left(domainError('invalid_state', `the request is already ${request.status}`));
  if (inactive) return inactive;
  if (command.type === 'RejectRequest') return E.right([ev.MdfRequestRejected.create(command.data)]);

  const { approvedAmount, claimDays, requestId } = command.data;
  if (approvedAmount.amountMinor > request.amountMinor)
    return E.left(
      domainError(
        'limit_exceeded',
        `approved ${money(approvedAmount.amountMinor, s)} exceeds the requested ${money(request.amountMinor, s)}`,
      ),
    );
  if (approvedAmount.amountMinor > available(s))
    return E.left(
      domainError(
        'insufficient_funds',
        `approving ${money(approvedAmount.amountMinor, s)} but only ${money(available(s), s)} is available`,
      ),
    );
  const claimDeadline = claimDeadlineOf(request.activityDate, claimDays, s.expiresAt ?? '');
  // An approval nobody could ever claim against would only lock money away.
  if (Date.parse(claimDeadline) <= now.getTime())
    return E.left(domainError('invalid_state', `the claim window for this activity closed at ${claimDeadline}`));
  return E.right([ev.MdfRequestApproved.create({ requestId, approvedAmount, claimDeadline })]);
};
