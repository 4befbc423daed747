import type { StoredEvent } from '../../eventstore/port.js';
import type { ReadModelDb } from '../readModels/readModelDb.js';
import { defineProjection } from '../runner/projection.js';
import { idOfStream } from '../streamIds.js';

type Kind = 'earned' | 'adjusted' | 'redeemed' | 'expired';
interface Entry {
  personId?: string;
  /** Signed: what the entry does to the balance. */
  points: number;
  kind: Kind;
  /** The pot the points move in: the person's own, or the partner's shared points. */
  pot: 'person' | 'partner';
  reason?: string;
  sourceEventId?: string;
  rewardId?: string;
  redeemedFrom?: string;
  lotAt?: string;
}

/** The by-kind totals of a new balance row: the entry's amount under its kind, zero under the others. */
const kinds = (kind: Kind, amount: number) => ({ earned: 0, adjusted: 0, redeemed: 0, expired: 0, [kind]: amount });

/** One ledger row, and the partner's and (for a person's pot) the person's balances. */
const record = async (db: ReadModelDb, e: StoredEvent, x: Entry) => {
  const partnerId = idOfStream(e.streamId);
  // Totals by kind are kept as positive amounts, except `adjusted` which is the net of adjustments.
  const byKind = x.kind === 'adjusted' ? x.points : Math.abs(x.points);
  await db.insert('points_ledger', {
    position: e.position,
    event_id: e.eventId,
    partner_id: partnerId,
    person_id: x.personId ?? null,
    kind: x.kind,
    points: x.points,
    reason: x.reason ?? null,
    source_event_id: x.sourceEventId ?? null,
    reward_id: x.rewardId ?? null,
    redeemed_from: x.redeemedFrom ?? null,
    lot_at: x.lotAt ? new Date(x.lotAt).toISOString() : null,
    recorded_at: e.recordedAt,
  });
  await db.upsert(
    'points_partners',
    {
      partner_id: partnerId,
      balance: x.points,
      shared_balance: x.pot === 'partner' ? x.points : 0,
      ...kinds(x.kind, byKind),
      version: e.version,
      updated_at: e.recordedAt,
    },
    { add: ['balance', 'shared_balance', x.kind], set: ['version', 'updated_at'] },
  );
  if (x.pot !== 'person' || !x.personId) return;
  await db.upsert(
    'points_people',
    {
      partner_id: partnerId,
      person_id: x.personId,
      balance: x.points,
      ...kinds(x.kind, byKind),
      updated_at: e.recordedAt,
    },
    { add: ['balance', x.kind], set: ['updated_at'] },
  );
};
const potOf = (personId?: string) => (personId ? 'person' : 'partner') as Entry['pot'];

/** Balances and ledger per partner and per person (DESIGN §5 points). */
export const pointsProjection = defineProjection({
  name: 'points',
  tables: ['points_ledger', 'points_people', 'points_partners'],
  handlers: {
    PointsEarned: (db, e) =>
      record(db, e, { kind: 'earned', pot: potOf(e.data.personId), lotAt: e.data.earnedAt, ...e.data }),
    PointsAdjusted: (db, e) =>
      record(db, e, {
        kind: 'adjusted',
        pot: potOf(e.data.personId),
        lotAt: e.data.points > 0 ? e.data.adjustedAt : undefined,
        ...e.data,
      }),
    PointsRedeemed: (db, e) =>
      record(db, e, {
        personId: e.data.personId,
        points: -e.data.points,
        kind: 'redeemed',
        pot: e.data.from,
        rewardId: e.data.rewardId,
        redeemedFrom: e.data.from,
      }),
    PointsExpired: (db, e) =>
      record(db, e, {
        personId: e.data.personId,
        points: -e.data.points,
        kind: 'expired',
        pot: potOf(e.data.personId),
        lotAt: e.data.earnedUpTo,
      }),
  },
});
