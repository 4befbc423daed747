import * as E from 'fp-ts/lib/Either.js';
import { systemPrincipal } from '../../domain/access/index.js';
import { CHANNEL_STREAM, channelDecider } from '../../domain/channel/index.js';
import { expiryCutoff } from '../../domain/points/index.js';
import type { IdGenerator } from '../../domain/shared/index.js';
import type { EventStore } from '../../eventstore/port.js';
import { readCheckpoints } from '../../infra/follow/checkpoints.js';
import type { SqlDb } from '../../infra/sql/sqlDb.js';
import type { CommandPipeline } from '../pipeline/index.js';
import { stateAtVersion } from '../policies/sourceFacts.js';
import { sweepEach, type SweepCounts } from '../sweeps/index.js';
import { pointsCommands } from './pointsCommands.js';

export interface PointsExpiryDeps {
  readonly store: EventStore;
  /** The pipeline the ledger commands (commands/points/pointsCommands.ts) run on. */
  readonly pipeline: CommandPipeline;
  /**
   * The read models (`points_ledger`, `points_partners` and their checkpoint), to find ledgers without
   * scanning the log.
   */
  readonly reader: SqlDb;
  readonly ids: IdGenerator;
  readonly onError?: (partnerId: string, error: unknown) => void;
}

/**
 * A sweep's counts over ledgers (changed: points expired; skipped: nothing left to expire), and the
 * points that expired.
 */
export interface PointsExpiryReport extends SweepCounts {
  readonly points: number;
}

const ACTOR = { kind: 'system', id: 'points-expiry-sweeper' } as const;
const SWEEPER = systemPrincipal(ACTOR.id);

/**
 * Ledgers that may hold points earned at or before `cutoff`: those the read model shows with a balance
 * and such an entry, plus those with points brought in by the part of the log the read model has not
 * reached (a CLI process runs no projections). The ledger itself decides what is really left to expire.
 */
const expiringLedgerCandidates = async (
  deps: Pick<PointsExpiryDeps, 'store' | 'reader'>,
  cutoff: string,
): Promise<string[]> => {
  // The checkpoint first: the tables read after it can only be newer, so the union misses nothing.
  const checkpoint = (await readCheckpoints(deps.reader)).get('points') ?? 0;
  const rows = await deps.reader.all<{ partner_id: string }>(
    `SELECT DISTINCT l.partner_id FROM points_ledger l JOIN points_partners p ON p.partner_id = l.partner_id
     WHERE p.balance > 0 AND l.points > 0 AND l.lot_at <= ?`,
    [cutoff],
  );
  const limit = Date.parse(cutoff);
  const tail = new Set<string>();
  for await (const event of deps.store.readAll({
    after: checkpoint,
    filter: { types: ['PointsEarned', 'PointsAdjusted'], streamPrefix: 'points-' },
  })) {
    const data = event.data as { points: number; earnedAt?: string; adjustedAt?: string };
    const at = data.earnedAt ?? data.adjustedAt ?? '';
    if (data.points > 0 && Date.parse(at) <= limit) tail.add(event.streamId.slice('points-'.length));
  }
  return [...new Set([...rows.map((r) => r.partner_id), ...tail])].sort();
};

/**
 * One sweep: on every ledger that may hold some, the points older than the channel's
 * `pointsExpiryMonths` expire, oldest first (one PointsExpired per pot). Each ledger is an ordinary
 * command with an expected version: a second sweep, here or in another process, expires nothing more.
 */
export const expirePoints =
  (deps: PointsExpiryDeps) =>
  async (now: Date): Promise<PointsExpiryReport> => {
    const settings = await stateAtVersion(deps.store, channelDecider, CHANNEL_STREAM, Number.MAX_SAFE_INTEGER);
    const ledgers = pointsCommands(deps);
    let points = 0;
    const counts = await sweepEach(
      await expiringLedgerCandidates(deps, expiryCutoff(now, settings.pointsExpiryMonths)),
      async (partnerId) => {
        const commandId = deps.ids.next('command');
        const outcome = await ledgers.expire({ actor: ACTOR, commandId, correlationId: commandId }, SWEEPER, {
          partnerId,
          expiryMonths: settings.pointsExpiryMonths,
        });
        if (!E.isRight(outcome) || outcome.right.expiredPoints === 0) return false;
        points += outcome.right.expiredPoints;
        return true;
      },
      { onError: deps.onError },
    );
    return { ...counts, points };
  };
