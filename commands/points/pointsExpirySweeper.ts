import * as E from 'fp-ts/lib/Either.js';
import { CHANNEL_STREAM, channelDecider } from '../../domain/channel/index.js';
import { expiryCutoff, ledgerDecider, pointsStream } from '../../domain/incentives/index.js';
import type { IdGenerator } from '../../domain/shared/index.js';
import type { EventStore } from '../../eventstore/port.js';
import type { SqlDb } from '../../projections/sql/sqlDb.js';
import type { CommandPipeline } from '../pipeline/index.js';
import { stateAtVersion } from '../policies/sourceFacts.js';

export interface PointsExpiryDeps {
  readonly store: EventStore;
  readonly pipeline: CommandPipeline;
  /** The read models, to find ledgers that may hold expired points without scanning the log. */
  readonly reader: SqlDb;
  readonly ids: IdGenerator;
}

/** Shaped like the server's sweep reports (app/sweepers), plus the points that expired. */
export interface PointsExpiryReport {
  /** Ledgers looked at. */
  readonly examined: number;
  /** Ledgers where points expired. */
  readonly changed: number;
  /** Ledgers with nothing left to expire (already swept, or spent meanwhile). */
  readonly skipped: number;
  readonly points: number;
}

/**
 * Expires points older than the channel's `pointsExpiryMonths`, oldest first, on every ledger that may
 * hold some: one PointsExpired per pot (person, or the partner's shared points). Running it twice
 * expires nothing more; concurrent redemptions are serialised by the ledger's stream version.
 */
export const sweepExpiredPoints = async (deps: PointsExpiryDeps, now: Date): Promise<PointsExpiryReport> => {
  const settings = await stateAtVersion(deps.store, channelDecider, CHANNEL_STREAM, Number.MAX_SAFE_INTEGER);
  const cutoff = expiryCutoff(now, settings.pointsExpiryMonths);
  // Candidates: ledgers with a balance and a lot old enough; the ledger itself decides what is left of it.
  const candidates = await deps.reader.all<{ partner_id: string }>(
    `SELECT DISTINCT l.partner_id FROM points_ledger l JOIN points_partners p ON p.partner_id = l.partner_id
     WHERE p.balance > 0 AND l.points > 0 AND l.lot_at <= ? ORDER BY l.partner_id`,
    [cutoff],
  );
  let changed = 0;
  let points = 0;
  for (const { partner_id: partnerId } of candidates) {
    const commandId = deps.ids.next('command');
    let expired = 0;
    const outcome = await deps.pipeline.execute(
      { actor: { kind: 'system', id: 'sweeper:points-expiry' }, commandId, correlationId: commandId },
      async (uow) => {
        const streamId = pointsStream(partnerId);
        const decided = await uow.decide(ledgerDecider, streamId, { type: 'ExpirePoints', data: { expiryMonths: settings.pointsExpiryMonths } });
        expired = E.isRight(decided) ? decided.right.events.reduce((n, e) => n + (e.type === 'PointsExpired' ? e.data.points : 0), 0) : 0;
        return E.map(() => ({ id: partnerId, streamId }))(decided);
      },
    );
    if (E.isRight(outcome) && expired > 0) {
      changed += 1;
      points += expired;
    }
  }
  return { examined: candidates.length, changed, skipped: candidates.length - changed, points };
};
