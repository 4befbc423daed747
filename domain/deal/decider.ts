import * as E from 'fp-ts/lib/Either.js';
import { addDays, domainError, startOfDay, toIsoDate, type Decider } from '../shared/index.js';
import type { DealCommand } from './commands.js';
import * as ev from './events.js';
import type { DealEvent } from './events.js';
import { hasLapsed, initialDealState, isProtected, type DealState } from './state.js';

const ok = (...events: DealEvent[]) => E.right(events);
const refuse = (message: string) => E.left(domainError('invalid_state', message));
const invalid = (path: string, message: string) =>
  E.left(domainError('validation_failed', `${path} ${message}`, { errors: [{ path, message }] }));
const LATEST_CLOSE_DAYS = 3650;

export const evolve = (state: DealState, event: DealEvent): DealState => {
  switch (event.type) {
    case 'DealRegistered': {
      const d = event.data;
      return {
        ...state,
        status: 'submitted',
        dealId: d.dealId,
        partnerId: d.partnerId,
        registeredBy: d.registeredBy,
        customerDomain: d.customer.domain,
        productLine: d.productLine,
        estimatedValue: d.estimatedValue,
        registeredAt: d.registeredAt,
      };
    }
    case 'DealConflictDetected':
      return {
        ...state,
        conflictingDealIds: [...new Set([...state.conflictingDealIds, ...event.data.conflictingDealIds])],
      };
    case 'DealApproved':
      return { ...state, status: 'approved', protectedUntil: event.data.protectedUntil };
    case 'DealRejected':
      return { ...state, status: 'rejected' };
    case 'DealWithdrawn':
      return { ...state, status: 'withdrawn' };
    case 'DealProtectionExtended':
      return { ...state, protectedUntil: event.data.protectedUntil, extensions: state.extensions + 1 };
    case 'DealWon':
      return { ...state, status: 'won' };
    case 'DealLost':
      return { ...state, status: 'lost' };
    case 'DealExpired':
      return { ...state, status: 'expired' };
  }
};

/** A deal whose protection lapsed is expired in all but the sweeper's record: nothing but expiry applies. */
const mustBeProtected = (state: DealState, now: Date, action: string) => {
  if (hasLapsed(state, now))
    return refuse(`cannot ${action} a deal whose protection lapsed at ${state.protectedUntil}`);
  return isProtected(state, now) ? undefined : refuse(`cannot ${action} a deal that is ${state.status}`);
};

const register = (command: Extract<DealCommand, { type: 'RegisterDeal' }>, now: Date) => {
  const { partnerStatus, registrantEmployerId, productLines, conflictingDealIds, ...data } = command.data;
  if (partnerStatus === 'none') return E.left(domainError('not_found', 'partner not found'));
  if (registrantEmployerId !== data.partnerId)
    return E.left(domainError('forbidden', "only the partner's current employees register its deals"));
  if (partnerStatus !== 'active') return refuse(`a partner that is ${partnerStatus} cannot register deals`);
  if (!productLines.includes(data.productLine))
    return invalid('productLine', `must be one of ${productLines.join(', ')}`);
  if (data.estimatedValue.amountMinor <= 0) return invalid('estimatedValue.amountMinor', 'must be greater than zero');
  if (data.expectedCloseDate < toIsoDate(now)) return invalid('expectedCloseDate', 'must not be in the past');
  if (data.expectedCloseDate > toIsoDate(addDays(now, LATEST_CLOSE_DAYS)))
    return invalid('expectedCloseDate', 'must be within ten years');
  const registered = ev.DealRegistered.create({
    ...data,
    customer: { ...data.customer },
    registeredAt: now.toISOString(),
  });
  const others = [...new Set(conflictingDealIds)].filter((id) => id !== data.dealId);
  return others.length
    ? ok(registered, ev.DealConflictDetected.create({ conflictingDealIds: others }))
    : ok(registered);
};

const decide = (command: DealCommand, state: DealState, now: Date) => {
  if (command.type === 'RegisterDeal')
    return state.status === 'none' ? register(command, now) : E.left(domainError('duplicate', 'deal already exists'));
  if (state.status === 'none') return E.left(domainError('not_found', 'deal not found'));
  switch (command.type) {
    case 'ApproveDeal': {
      if (state.status !== 'submitted') return refuse(`cannot approve a deal that is ${state.status}`);
      const { protectionDays } = command.data;
      return ok(ev.DealApproved.create({ protectedUntil: addDays(now, protectionDays).toISOString(), protectionDays }));
    }
    case 'RejectDeal':
      return state.status === 'submitted'
        ? ok(ev.DealRejected.create(command.data))
        : refuse(`cannot reject a deal that is ${state.status}`);
    case 'WithdrawDeal':
      return state.status === 'submitted'
        ? ok(ev.DealWithdrawn.create(command.data))
        : refuse(`only a submitted deal can be withdrawn; this one is ${state.status}`);
    case 'ExtendProtection': {
      const refusal = mustBeProtected(state, now, 'extend the protection of');
      if (refusal) return refusal;
      const { protectedUntil, reason, maxExtensions, maxProtectionDays } = command.data;
      if (state.extensions >= maxExtensions)
        return E.left(
          domainError(
            'limit_exceeded',
            `protection was already extended ${state.extensions} time(s), the channel allows ${maxExtensions}`,
          ),
        );
      if (Date.parse(protectedUntil) <= Date.parse(state.protectedUntil ?? ''))
        return invalid('protectedUntil', `must be later than the current end of protection ${state.protectedUntil}`);
      if (Date.parse(protectedUntil) > addDays(now, maxProtectionDays).getTime())
        return invalid('protectedUntil', `must be at most ${maxProtectionDays} days from now (one protection period)`);
      return ok(ev.DealProtectionExtended.create({ protectedUntil, reason }));
    }
    case 'WinDeal': {
      const refusal = mustBeProtected(state, now, 'win');
      if (refusal) return refusal;
      const { amount, closedAt } = command.data;
      if (amount.amountMinor <= 0) return invalid('amount.amountMinor', 'must be greater than zero');
      if (Date.parse(closedAt) > now.getTime()) return invalid('closedAt', 'must not be in the future');
      // Closing before the day of registration would be registering a deal already won.
      if (Date.parse(closedAt) < startOfDay(toIsoDate(new Date(state.registeredAt ?? now))).getTime())
        return invalid('closedAt', 'must not be before the deal was registered');
      return ok(ev.DealWon.create({ amount, closedAt }));
    }
    case 'LoseDeal': {
      const refusal = mustBeProtected(state, now, 'lose');
      return refusal ?? ok(ev.DealLost.create(command.data));
    }
    case 'ExpireDeal':
      return hasLapsed(state, now)
        ? ok(ev.DealExpired.create({ protectedUntil: state.protectedUntil ?? now.toISOString() }))
        : refuse(
            state.status === 'approved'
              ? `protection runs until ${state.protectedUntil}`
              : `cannot expire a deal that is ${state.status}`,
          );
  }
};

export const dealDecider: Decider<DealCommand, DealEvent, DealState> = {
  initialState: initialDealState,
  evolve,
  decide,
};
