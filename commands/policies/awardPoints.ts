import * as E from 'fp-ts/lib/Either.js';
import { systemPrincipal } from '../../domain/access/index.js';
import type { StoredEvent } from '../../eventstore/port.js';
import { pointsCommands } from '../points/pointsCommands.js';
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
export const awardPoints = async (
  deps: PolicyDeps,
  policyName: string,
  source: StoredEvent,
  award: Award,
): Promise<void> => {
  if (award.points <= 0) return;
  const outcome = await pointsCommands(deps).earn(
    policyContext(policyName, source),
    systemPrincipal(`policy:${policyName}`),
    {
      partnerId: award.partnerId,
      ...(award.personId ? { personId: award.personId } : {}),
      points: award.points,
      reason: award.reason,
      sourceEventId: source.eventId,
      earnedAt: source.recordedAt,
    },
  );
  if (E.isLeft(outcome) && outcome.left.code !== 'duplicate')
    throw new Error(`${policyName}: the ledger refused points for ${source.eventId}: ${outcome.left.message}`);
};
