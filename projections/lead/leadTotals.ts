import { periodOf } from '../../domain/shared/period.js';
import type { ReadModelDb } from '../readModels/readModelDb.js';

export type LeadCounter =
  | 'registered'
  | 'assigned'
  | 'accepted'
  | 'declined'
  | 'lapsed'
  | 'converted'
  | 'disqualified'
  | 'won'
  | 'lost';

/** One more fact in the period of `instant`, for the lead's region and the partner ('' for none). */
export const countLead = (
  db: ReadModelDb,
  instant: string,
  region: string,
  partnerId: string,
  counter: LeadCounter,
) => {
  const counts: Partial<Record<LeadCounter, number>> = { [counter]: 1 };
  return db.upsert(
    'lead_period_totals',
    { period: periodOf(new Date(instant)), region, partner_id: partnerId, ...counts },
    { add: [counter] },
  );
};
