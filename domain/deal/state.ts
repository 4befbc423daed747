import type { Money } from '../shared/index.js';

export type DealStatus = 'none' | 'submitted' | 'approved' | 'rejected' | 'withdrawn' | 'won' | 'lost' | 'expired';

export interface DealState {
  readonly status: DealStatus;
  readonly dealId?: string;
  readonly partnerId?: string;
  readonly registeredBy?: string;
  readonly customerDomain?: string;
  readonly productLine?: string;
  readonly estimatedValue?: Money;
  readonly registeredAt?: string;
  readonly protectedUntil?: string;
  readonly extensions: number;
  readonly conflictingDealIds: readonly string[];
}

export const initialDealState: DealState = { status: 'none', extensions: 0, conflictingDealIds: [] };

/** Approved and `now < protectedUntil`: the registration protects its partner right now (derived, no event). */
export const isProtected = (state: Pick<DealState, 'status' | 'protectedUntil'>, now: Date): boolean =>
  state.status === 'approved' && state.protectedUntil !== undefined && now.getTime() < Date.parse(state.protectedUntil);

/** Approved but past `protectedUntil`: lapsed, waiting for the sweeper to record DealExpired. */
export const hasLapsed = (state: Pick<DealState, 'status' | 'protectedUntil'>, now: Date): boolean =>
  state.status === 'approved' &&
  state.protectedUntil !== undefined &&
  now.getTime() >= Date.parse(state.protectedUntil);
