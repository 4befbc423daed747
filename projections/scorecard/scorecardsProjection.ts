import { defineProjection, inOrder } from '../runner/projection.js';
import { dealHandlers } from './dealHandlers.js';
import { fundAndPointsHandlers } from './fundAndPointsHandlers.js';
import { partnerHandlers } from './partnerHandlers.js';
import { beginPeople, peopleHandlers, settleEmployeeCounts } from './peopleHandlers.js';
import { settleReadiness } from './readiness.js';

/**
 * Scorecards and channel health (DESIGN §5). Keeps its own copies of every fact it needs, so it is
 * rebuilt alone; wall-clock-dependent figures (certified people now, readiness) are stored as expiry
 * timestamps and decided at query time. KPI definitions: README "Scorecards and channel health".
 */
export const scorecardsProjection = defineProjection({
  name: 'scorecards',
  tables: [
    'scorecard_settings',
    'scorecard_mdf_claims',
    'scorecard_funds',
    'scorecard_programs',
    'scorecard_certifications',
    'scorecard_people',
    'scorecard_deals',
    'scorecard_trailing_revenue',
    'scorecard_channel_revenue',
    'scorecard_revenue',
    'scorecard_periods',
    'scorecard_partner_status',
    'scorecard_partners',
  ],
  handlers: inOrder(partnerHandlers, peopleHandlers, dealHandlers, fundAndPointsHandlers),
  begin: beginPeople,
  settle: async (db) => {
    await settleEmployeeCounts(db);
    await settleReadiness(db);
  },
});
