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

/**
 * One more fact in the period of `instant`, for the lead's region and the partner ('' for none); also in
 * the partner's and the region's own totals, which the leads dashboard pages and sums without grouping.
 */
export const countLead = async (
  db: ReadModelDb,
  instant: string,
  region: string,
  partnerId: string,
  counter: LeadCounter,
) => {
  const counts: Partial<Record<LeadCounter, number>> = { [counter]: 1 };
  const period = periodOf(new Date(instant));
  await db.upsert('lead_period_totals', { period, region, partner_id: partnerId, ...counts }, { add: [counter] });
  await db.upsert('lead_region_totals', { period, region, ...counts }, { add: [counter] });
  if (partnerId)
    await db.upsert('lead_partner_totals', { partner_id: partnerId, period, ...counts }, { add: [counter] });
};
