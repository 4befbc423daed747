import { periodOfText } from '../analyticsSql.js';
import { defineView, instant, integer, text } from '../analyticsView.js';

/** The points ledger: every entry with signed points, so that SUM(points) is a balance. */
export const pointsV1 = defineView({
  name: 'analytics_points',
  version: 1,
  rowPer: 'ledger entry (points earned, adjusted, redeemed or expired)',
  key: ['position'],
  columns: {
    position: integer('l.position', 'log position of the entry'),
    event_id: text('l.event_id', 'the event (`evt_…`)'),
    partner_id: text('l.partner_id', 'the ledger: the partner'),
    person_id: text('l.person_id', "the person's pot; null: the partner's shared points"),
    kind: text('l.kind', '`earned`, `adjusted`, `redeemed`, `expired`'),
    points: integer('l.points', 'signed: positive in, negative out'),
    reason: text('l.reason', 'why (`deal …`, `certification …`, an adjustment reason), or null'),
    source_event_id: text('l.source_event_id', 'the event earned from (a win, a certification), or null'),
    reward_id: text('l.reward_id', 'the reward redeemed, or null'),
    redeemed_from: text('l.redeemed_from', 'a redemption: `person` or `partner` (shared points)'),
    lot_at: instant('l.lot_at', 'earned points: when earned (their expiry clock); an expiry: its cutoff'),
    recorded_at: instant('l.recorded_at', 'when recorded'),
    recorded_period: text(periodOfText('l.recorded_at'), 'its quarter'),
  },
  from: 'FROM points_ledger l',
});
