import * as E from 'fp-ts/lib/Either.js';
import { domainError, type Decider } from '../shared/index.js';
import type { LeadLoadCommand } from './commands.js';
import { PartnerLeadReleased, PartnerLeadTaken, type LeadLoadEvent } from './events.js';
import { initialLeadLoad, type LeadLoadState } from './state.js';

const evolve = (state: LeadLoadState, event: LeadLoadEvent): LeadLoadState => {
  if (event.type === 'PartnerLeadTaken')
    return { ...state, open: state.open + 1, assignedEver: state.assignedEver + 1 };
  const { outcome } = event.data;
  return {
    ...state,
    open: state.open - 1,
    converted: state.converted + (outcome === 'converted' ? 1 : 0),
    resolved: state.resolved + (outcome === 'reassigned' ? 0 : 1),
  };
};

/** A partner's open leads never go below zero: a release without a take is a bug upstream. */
const decide = (command: LeadLoadCommand, state: LeadLoadState) => {
  if (command.type === 'TakeLead') return E.right([PartnerLeadTaken.create(command.data)]);
  if (state.open <= 0) return E.left(domainError('invalid_state', 'the partner holds no open lead to release'));
  return E.right([PartnerLeadReleased.create(command.data)]);
};

export const leadLoadDecider: Decider<LeadLoadCommand, LeadLoadEvent, LeadLoadState> = {
  initialState: initialLeadLoad,
  evolve,
  decide,
};
