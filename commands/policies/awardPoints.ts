import * as E from 'fp-ts/lib/Either.js';
import { ledgerDecider, pointsStream } from '../../domain/points/index.js';
import type { StoredEvent } from '../../eventstore/port.js';
import { policyContext, type PolicyDeps } from './policy.js';

export interface Award {
  readonly partnerId: string;
  readonly personId?: string;
  readonly points: number;
  readonly reason: string;
}

/**
 * Earns points for a source event on the partner's ledger, exactly once: the command id derives from
 * the source (a replay appends the same event ids, which the store ignores) and the ledger refuses a
 * source it has already earned from (`duplicate`, taken here as "already done").
 */
export const awardPoints = async (deps: PolicyDeps, policyName: string, source: StoredEvent, award: Award): Promise<void> => {
  if (award.points <= 0) return;
  const outcome = await deps.pipeline.execute(policyContext(policyName, source), async (uow) => {
    const streamId = pointsStream(award.partnerId);
    const decided = await uow.decide(ledgerDecider, streamId, {
      type: 'EarnPoints',
      data: {
        ...(award.personId ? { personId: award.personId } : {}),
        points: award.points, reason: award.reason, sourceEventId: source.eventId, earnedAt: source.recordedAt,
      },
    });
    return E.map(() => ({ id: award.partnerId, streamId }))(decided);
  });
  if (E.isLeft(outcome) && outcome.left.code !== 'duplicate')
    throw new Error(`${policyName}: the ledger refused points for ${source.eventId}: ${outcome.left.message}`);
};
