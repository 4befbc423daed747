import * as E from 'fp-ts/lib/Either.js';
import { domainError, type Decider } from '../shared/index.js';
import type { LeadCommand, NextAssignment } from './commands.js';
import * as ev from './events.js';
import type { LeadEvent } from './events.js';
import { acceptanceLapsed, initialLeadState, isUnassigned, type LeadState } from './state.js';

const HOUR_MS = 3_600_000;
const ok = (...events: LeadEvent[]) => E.right(events);
const refuse = (message: string) => E.left(domainError('invalid_state', message));
const invalid = (path: string, message: string) =>
  E.left(domainError('validation_failed', `${path} ${message}`, { errors: [{ path, message }] }));

export const evolve = (state: LeadState, event: LeadEvent): LeadState => {
  switch (event.type) {
    case 'LeadRegistered': {
      const d = event.data;
      return {
        ...state,
        status: 'registered',
        leadId: d.leadId,
        customer: d.customer,
        region: d.region,
        productLine: d.productLine,
        estimatedValue: d.estimatedValue,
      };
    }
    case 'LeadAssigned':
      return {
        ...state,
        status: 'assigned',
        partnerId: event.data.partnerId,
        acceptBy: event.data.acceptBy,
        assignments: state.assignments + 1,
      };
    case 'LeadAccepted':
      return { ...state, status: 'accepted' };
    case 'LeadDeclined':
      return {
        ...state,
        status: 'declined',
        partnerId: undefined,
        acceptBy: undefined,
        excluded: [...state.excluded, event.data.partnerId],
      };
    case 'LeadAcceptanceLapsed':
      return {
        ...state,
        status: 'lapsed',
        partnerId: undefined,
        acceptBy: undefined,
        excluded: [...state.excluded, event.data.partnerId],
      };
    case 'LeadConverted':
      return { ...state, status: 'converted', dealId: event.data.dealId };
    case 'LeadDisqualified':
      return { ...state, status: 'disqualified' };
  }
};

/** The assignment event, or why the lead cannot go to that partner (`holder`: the partner losing it, if any). */
const assignment = (state: LeadState, next: NextAssignment, now: Date, holder?: string) => {
  if (state.excluded.includes(next.partnerId))
    return refuse('the partner declined this lead or let it lapse: it is never offered the lead again');
  if (next.partnerId === holder) return refuse('the lead is already assigned to that partner');
  if (next.partnerStatus === 'none') return E.left(domainError('not_found', 'partner not found'));
  if (next.partnerStatus !== 'active') return refuse(`a partner that is ${next.partnerStatus} cannot take leads`);
  return E.right(
    ev.LeadAssigned.create({
      partnerId: next.partnerId,
      by: next.by,
      acceptBy: new Date(now.getTime() + next.acceptHours * HOUR_MS).toISOString(),
      assignedBy: next.assignedBy,
      assignedAt: now.toISOString(),
      ...(holder ? { previousPartnerId: holder } : {}),
      ...(next.routing ? { routing: { ...next.routing, candidates: next.routing.candidates.slice(0, 20) } } : {}),
    }),
  );
};

const register = (command: Extract<LeadCommand, { type: 'RegisterLead' }>, now: Date) => {
  const { productLines, ...data } = command.data;
  if (!productLines.includes(data.productLine))
    return invalid('productLine', `must be one of ${productLines.join(', ')}`);
  if (data.estimatedValue && data.estimatedValue.amountMinor <= 0)
    return invalid('estimatedValue.amountMinor', 'must be greater than zero');
  return ok(
    ev.LeadRegistered.create({
      ...data,
      customer: { ...data.customer },
      registeredAt: now.toISOString(),
    }),
  );
};

/** The holder's answer: only while the acceptance window runs. */
const mustAwaitAnswer = (state: LeadState, partnerId: string, now: Date, action: string) => {
  if (state.status !== 'assigned') return refuse(`cannot ${action} a lead that is ${state.status}`);
  if (state.partnerId !== partnerId) return refuse(`only the partner the lead is assigned to may ${action} it`);
  if (acceptanceLapsed(state, now)) return refuse(`the time to accept this lead ran out at ${state.acceptBy}`);
  return undefined;
};

const decide = (command: LeadCommand, state: LeadState, now: Date) => {
  if (command.type === 'RegisterLead')
    return state.status === 'none' ? register(command, now) : E.left(domainError('duplicate', 'lead already exists'));
  if (state.status === 'none') return E.left(domainError('not_found', 'lead not found'));
  switch (command.type) {
    case 'AssignLead': {
      if (state.status === 'assigned' && acceptanceLapsed(state, now))
        return refuse(`the time to accept this lead ran out at ${state.acceptBy}; its lapse is being recorded`);
      if (!isUnassigned(state.status) && state.status !== 'assigned')
        return refuse(`cannot assign a lead that is ${state.status}`);
      const assigned = assignment(state, command.data, now, state.status === 'assigned' ? state.partnerId : undefined);
      return E.isLeft(assigned) ? assigned : ok(assigned.right);
    }
    case 'AcceptLead': {
      const refusal = mustAwaitAnswer(state, command.data.partnerId, now, 'accept');
      return refusal ?? ok(ev.LeadAccepted.create({ ...command.data, acceptedAt: now.toISOString() }));
    }
    case 'DeclineLead': {
      const refusal = mustAwaitAnswer(state, command.data.partnerId, now, 'decline');
      return refusal ?? ok(ev.LeadDeclined.create(command.data));
    }
    case 'LapseLead': {
      if (!acceptanceLapsed(state, now))
        return refuse(
          state.status === 'assigned'
            ? `the time to accept runs until ${state.acceptBy}`
            : `cannot lapse a lead that is ${state.status}`,
        );
      const holder = state.partnerId ?? '';
      const lapsed = ev.LeadAcceptanceLapsed.create({ partnerId: holder, acceptBy: state.acceptBy ?? '' });
      if (!command.data.next) return ok(lapsed);
      const after = evolve(state, lapsed);
      const assigned = assignment(after, command.data.next, now);
      return E.isLeft(assigned) ? assigned : ok(lapsed, assigned.right);
    }
    case 'ConvertLead':
      if (state.status !== 'accepted') return refuse(`only an accepted lead converts; this one is ${state.status}`);
      if (state.partnerId !== command.data.partnerId)
        return refuse('only the partner that accepted the lead may convert it');
      return ok(ev.LeadConverted.create(command.data));
    case 'DisqualifyLead':
      if (state.status === 'converted' || state.status === 'disqualified')
        return refuse(`cannot disqualify a lead that is ${state.status}`);
      return ok(
        ev.LeadDisqualified.create({
          ...(state.partnerId ? { partnerId: state.partnerId } : {}),
          ...command.data,
        }),
      );
  }
};

export const leadDecider: Decider<LeadCommand, LeadEvent, LeadState> = {
  initialState: initialLeadState,
  evolve,
  decide,
};
