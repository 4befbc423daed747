import type { Money } from '../shared/index.js';

export type LeadStatus =
  | 'none'
  | 'registered'
  | 'assigned'
  | 'accepted'
  | 'declined'
  | 'lapsed'
  | 'converted'
  | 'disqualified';

export interface LeadState {
  readonly status: LeadStatus;
  readonly leadId?: string;
  readonly customer?: { readonly name: string; readonly domain: string; readonly country: string };
  readonly region?: string;
  readonly productLine?: string;
  readonly estimatedValue?: Money;
  /** The partner holding the lead: assigned, accepted, converted (or disqualified while held); none otherwise. */
  readonly partnerId?: string;
  readonly acceptBy?: string;
  /** Partners that declined the lead or let it lapse: never offered it again. */
  readonly excluded: readonly string[];
  readonly assignments: number;
  readonly dealId?: string;
}

export const initialLeadState: LeadState = { status: 'none', excluded: [], assignments: 0 };

/** Statuses in which nobody holds the lead and it may be assigned or routed. */
export const isUnassigned = (status: LeadStatus): boolean =>
  status === 'registered' || status === 'declined' || status === 'lapsed';

/** Assigned and `now >= acceptBy`: lapsed in all but the sweeper's record, so nobody may answer it any more. */
export const acceptanceLapsed = (state: Pick<LeadState, 'status' | 'acceptBy'>, now: Date): boolean =>
  state.status === 'assigned' && state.acceptBy !== undefined && now.getTime() >= Date.parse(state.acceptBy);

/** A partner's lead load, as routing compares it. */
export interface LeadLoadState {
  readonly open: number;
  readonly assignedEver: number;
  readonly converted: number;
  /** Outcomes at the partner: converted, disqualified, declined, lapsed (a reassignment is none of them). */
  readonly resolved: number;
}

export const initialLeadLoad: LeadLoadState = { open: 0, assignedEver: 0, converted: 0, resolved: 0 };
