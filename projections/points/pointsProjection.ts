import type { StoredEvent } from '../../eventstore/port.js';
import { defineProjection } from '../runner/projection.js';
import type { SqlDb } from '../../infra/sql/sqlDb.js';
import { idOfStream } from '../streamIds.js';

type E<D> = StoredEvent<D>;
type Kind = 'earned' | 'adjusted' | 'redeemed' | 'expired';
interface Entry {
  personId?: string;
  /** Signed: what the entry does to the balance. */
  points: number;
  kind: Kind;
  /** The pot the points move in: the person's own, or the partner's shared points. */
  pot: 'person' | 'partner';
  reason?: string; sourceEventId?: string; rewardId?: string; redeemedFrom?: string; lotAt?: string;
}

const column: Record<Kind, string> = { earned: 'earned', adjusted: 'adjusted', redeemed: 'redeemed', expired: 'expired' };

/** One ledger row, and the partner's and (for a person's pot) the person's balances. */
const record = async (db: SqlDb, e: StoredEvent, x: Entry) => {
  const partnerId = idOfStream(e.streamId);
  // Totals by kind are kept as positive amounts, except `adjusted` which is the net of adjustments.
  const byKind = x.kind === 'adjusted' ? x.points : Math.abs(x.points);
  await db.run(
    `INSERT INTO points_ledger (position, event_id, partner_id, person_id, kind, points, reason, source_event_id, reward_id, redeemed_from, lot_at, recorded_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [e.position, e.eventId, partnerId, x.personId ?? null, x.kind, x.points, x.reason ?? null, x.sourceEventId ?? null, x.rewardId ?? null,
      x.redeemedFrom ?? null, x.lotAt ? new Date(x.lotAt).toISOString() : null, e.recordedAt],
  );
  const shared = x.pot === 'partner' ? x.points : 0;
  await db.run(
    `INSERT INTO points_partners (partner_id, balance, shared_balance, earned, adjusted, redeemed, expired, version, updated_at)
     VALUES (?, ?, ?, 0, 0, 0, 0, ?, ?)
     ON CONFLICT (partner_id) DO UPDATE SET balance = points_partners.balance + excluded.balance,
       shared_balance = points_partners.shared_balance + excluded.shared_balance, version = excluded.version, updated_at = excluded.updated_at`,
    [partnerId, x.points, shared, e.version, e.recordedAt],
  );
  await db.run(`UPDATE points_partners SET ${column[x.kind]} = ${column[x.kind]} + ? WHERE partner_id = ?`, [byKind, partnerId]);
  if (x.pot !== 'person' || !x.personId) return;
  await db.run(
    `INSERT INTO points_people (partner_id, person_id, balance, earned, adjusted, redeemed, expired, updated_at) VALUES (?, ?, ?, 0, 0, 0, 0, ?)
     ON CONFLICT (partner_id, person_id) DO UPDATE SET balance = points_people.balance + excluded.balance, updated_at = excluded.updated_at`,
    [partnerId, x.personId, x.points, e.recordedAt],
  );
  await db.run(`UPDATE points_people SET ${column[x.kind]} = ${column[x.kind]} + ? WHERE partner_id = ? AND person_id = ?`, [byKind, partnerId, x.personId]);
};
const potOf = (personId?: string) => (personId ? 'person' : 'partner') as Entry['pot'];

/** Balances and ledger per partner and per person (DESIGN §5 points). */
export const pointsProjection = defineProjection({
  name: 'points',
  tables: ['points_ledger', 'points_people', 'points_partners'],
  handlers: {
    PointsEarned: (db, e: E<{ personId?: string; points: number; reason: string; sourceEventId: string; earnedAt: string }>) =>
      record(db, e, { ...e.data, kind: 'earned', pot: potOf(e.data.personId), lotAt: e.data.earnedAt }),
    PointsAdjusted: (db, e: E<{ personId?: string; points: number; reason: string; adjustedAt: string }>) =>
      record(db, e, { ...e.data, kind: 'adjusted', pot: potOf(e.data.personId), lotAt: e.data.points > 0 ? e.data.adjustedAt : undefined }),
    PointsRedeemed: (db, e: E<{ personId: string; points: number; rewardId: string; from: 'person' | 'partner' }>) =>
      record(db, e, { personId: e.data.personId, points: -e.data.points, kind: 'redeemed', pot: e.data.from, rewardId: e.data.rewardId, redeemedFrom: e.data.from }),
    PointsExpired: (db, e: E<{ personId?: string; points: number; earnedUpTo: string }>) =>
      record(db, e, { personId: e.data.personId, points: -e.data.points, kind: 'expired', pot: potOf(e.data.personId), lotAt: e.data.earnedUpTo }),
  },
});
