import * as E from 'fp-ts/lib/Either.js';
import { domainError, type Decider } from '../shared/index.js';
import * as ev from './events.js';
import type { DealClaimEvent } from './events.js';

/** The registration holding protection for a customer and product line (approved, or won within its period). */
export interface ClaimHolder {
  readonly dealId: string;
  readonly partnerId: string;
  readonly protectedUntil: string;
  readonly won: boolean;
}

export interface ClaimState {
  readonly holder?: ClaimHolder;
  /** Submitted registrations waiting for a decision: deal id -> partner id. */
  readonly pending: Readonly<Record<string, string>>;
}

export type ClaimCommand =
  | { type: 'RequestClaim'; data: { dealId: string; partnerId: string } }
  | { type: 'HoldClaim'; data: { dealId: string; partnerId: string; protectedUntil: string } }
  | { type: 'WinClaim'; data: { dealId: string } }
  | { type: 'ReleaseClaim'; data: { dealId: string; reason: 'rejected' | 'withdrawn' | 'lost' | 'expired' } };

export const initialClaimState: ClaimState = { pending: {} };

/** The holder while its protection runs; a lapsed holder no longer blocks anyone, swept or not. */
export const liveHolder = (state: ClaimState, now: Date): ClaimHolder | undefined =>
  state.holder && now.getTime() < Date.parse(state.holder.protectedUntil) ? state.holder : undefined;

/** Registrations of other partners that a new registration by `partnerId` collides with. */
export const collidingDeals = (state: ClaimState, partnerId: string, now: Date): string[] => {
  const holder = liveHolder(state, now);
  const pending = Object.entries(state.pending)
    .filter(([, p]) => p !== partnerId)
    .map(([dealId]) => dealId);
  return holder && holder.partnerId !== partnerId ? [holder.dealId, ...pending] : pending;
};

const evolve = (state: ClaimState, event: DealClaimEvent): ClaimState => {
  const { [event.data.dealId]: _decided, ...pending } = state.pending;
  switch (event.type) {
    case 'DealClaimRequested':
      return { ...state, pending: { ...state.pending, [event.data.dealId]: event.data.partnerId } };
    case 'DealClaimHeld':
      return { pending, holder: { ...event.data, won: false } };
    case 'DealClaimWon':
      return state.holder?.dealId === event.data.dealId ? { ...state, holder: { ...state.holder, won: true } } : state;
    case 'DealClaimReleased':
      return { pending, ...(state.holder?.dealId === event.data.dealId ? {} : { holder: state.holder }) };
  }
};

const decide = (command: ClaimCommand, state: ClaimState, now: Date) => {
  switch (command.type) {
    case 'RequestClaim': {
      const { dealId, partnerId } = command.data;
      const holder = liveHolder(state, now);
      const open =
        Object.entries(state.pending).find(([, p]) => p === partnerId)?.[0] ??
        (holder && !holder.won && holder.partnerId === partnerId ? holder.dealId : undefined);
      if (open)
        return E.left(
          domainError(
            'duplicate',
            `the partner already has an open registration (${open}) for this customer and product line`,
          ),
        );
      return E.right([ev.DealClaimRequested.create({ dealId, partnerId })]);
    }
    case 'HoldClaim': {
      const { dealId, partnerId } = command.data;
      const holder = liveHolder(state, now);
      // A partner's own won deal hands its protection on to that partner's next registration.
      const blocked = holder && holder.dealId !== dealId && !(holder.won && holder.partnerId === partnerId);
      if (blocked)
        return E.left(
          domainError(
            'channel_conflict',
            `registration ${holder.dealId} of another partner holds protection for this customer and product line ` +
              `until ${holder.protectedUntil}`,
          ),
        );
      return E.right([ev.DealClaimHeld.create(command.data)]);
    }
    case 'WinClaim':
      return state.holder?.dealId === command.data.dealId
        ? E.right([ev.DealClaimWon.create(command.data)])
        : E.left(domainError('invalid_state', 'the deal does not hold protection for its customer'));
    case 'ReleaseClaim':
      return E.right([ev.DealClaimReleased.create(command.data)]);
  }
};

/** Decides who may hold protection for one (customer domain, product line). */
export const claimDecider: Decider<ClaimCommand, DealClaimEvent, ClaimState> = {
  initialState: initialClaimState,
  evolve,
  decide,
};
