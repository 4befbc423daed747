import * as E from 'fp-ts/lib/Either.js';
import { isOperating } from '../partner/state.js';
import { domainError, type Decider, type DomainEvent } from '../shared/index.js';
import {
  BusinessPlanCreated,
  BusinessPlanReserved,
  BusinessPlanRevised,
  type Objective,
  type PlanEvent,
} from './events.js';

export interface PlanState {
  readonly exists: boolean;
  readonly partnerId?: string;
  readonly period?: string;
  readonly objectives: readonly Objective[];
}

export type PlanCommand =
  | {
      type: 'CreatePlan';
      data: {
        planId: string;
        partnerId: string;
        period: string;
        objectives: Objective[];
        notes?: string;
        createdBy: string;
        /** The partner's status, loaded by the handler. */
        partnerStatus: string;
      };
    }
  | { type: 'RevisePlan'; data: { objectives: Objective[]; notes?: string; revisedBy: string } };

const evolve = (state: PlanState, event: PlanEvent): PlanState =>
  event.type === 'BusinessPlanCreated'
    ? { exists: true, partnerId: event.data.partnerId, period: event.data.period, objectives: event.data.objectives }
    : { ...state, objectives: event.data.objectives };

const decide = (command: PlanCommand, state: PlanState) => {
  if (command.type === 'CreatePlan') {
    if (state.exists) return E.left(domainError('duplicate', 'plan already exists'));
    const { partnerStatus, ...data } = command.data;
    if (partnerStatus === 'none') return E.left(domainError('not_found', 'partner not found'));
    if (!isOperating(partnerStatus))
      return E.left(domainError('invalid_state', `a partner that is ${partnerStatus} gets no business plan`));
    return E.right([BusinessPlanCreated.create(data)]);
  }
  if (!state.exists) return E.left(domainError('not_found', 'plan not found'));
  return E.right([BusinessPlanRevised.create(command.data)]);
};

export const planDecider: Decider<PlanCommand, PlanEvent, PlanState> = {
  initialState: { exists: false, objectives: [] },
  evolve,
  decide,
};

type Reservation = { planId: string; partnerId: string; period: string };
type ReservationEvent = DomainEvent<'BusinessPlanReserved', Reservation>;

/** One stream per (partner, period): a second plan for the pair is `409 duplicate` naming the first. */
export const planReservationDecider: Decider<
  { type: 'ReservePlan'; data: Reservation },
  ReservationEvent,
  { planId?: string }
> = {
  initialState: {},
  evolve: (_state, event) => ({ planId: event.data.planId }),
  decide: (command, state) =>
    state.planId
      ? E.left(
          domainError('duplicate', `the partner already has plan ${state.planId} for ${command.data.period}`, {
            details: { planId: state.planId },
          }),
        )
      : E.right([BusinessPlanReserved.create(command.data)]),
};
