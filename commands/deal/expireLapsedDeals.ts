import * as E from 'fp-ts/lib/Either.js';
import type { IdGenerator } from '../../domain/shared/index.js';
import type { EventStore } from '../../eventstore/port.js';
import { readCheckpoints } from '../../infra/follow/checkpoints.js';
import type { SqlDb } from '../../infra/sql/sqlDb.js';
import type { CommandContext } from '../pipeline/index.js';
import { sweepEach } from '../sweeps/index.js';
import type { DealCommands } from './dealCommands.js';

export interface ExpiryDeps {
  readonly deals: Pick<DealCommands, 'expire'>;
  readonly store: EventStore;
  /** Read-model connection: the `deals` table and its projection checkpoint. */
  readonly reader: SqlDb;
  readonly ids: IdGenerator;
  /** Expiries in flight at once (they share group commits); default 16. */
  readonly concurrency?: number;
  readonly onError?: (dealId: string, error: unknown) => void;
}

const ACTOR = { kind: 'system', id: 'deal-expiry-sweeper' } as const;

/**
 * Deals whose protection lapsed by `now`: approved rows of the read model past `protected_until`,
 * plus approvals and extensions in the part of the log the read model has not reached yet (a CLI
 * process runs no projections, and must not miss what the server has not projected).
 */
export const lapsedDealCandidates = async (
  deps: Pick<ExpiryDeps, 'store' | 'reader'>,
  now: Date,
): Promise<string[]> => {
  // The checkpoint first: the table read after it can only be newer, so the union misses nothing.
  const checkpoint = (await readCheckpoints(deps.reader)).get('deals') ?? 0;
  const at = now.toISOString();
  const rows = await deps.reader.all<{ deal_id: string }>(
    `SELECT deal_id FROM deals WHERE status = 'approved' AND protected_until <= ? ORDER BY protected_until`,
    [at],
  );
  const tail = new Map<string, string>();
  for await (const event of deps.store.readAll({
    after: checkpoint,
    filter: { types: ['DealApproved', 'DealProtectionExtended'], streamPrefix: 'deal-' },
  }))
    tail.set(event.streamId.slice('deal-'.length), (event.data as { protectedUntil: string }).protectedUntil);
  const due = [...tail].filter(([, until]) => until <= at).map(([id]) => id);
  return [...new Set([...rows.map((r) => r.deal_id), ...due])];
};

/**
 * One sweep: DealExpired (and the claim's release) for every deal whose protection lapsed. Each
 * expiry is an ordinary command with expected versions, so two sweeps racing over the same deal
 * (twice in one process, or in two processes on one database) record its expiry exactly once:
 * the loser re-reads the deal, finds it expired, and skips it.
 */
export const expireLapsedDeals = (deps: ExpiryDeps) => async (now: Date) =>
  sweepEach(
    await lapsedDealCandidates(deps, now),
    async (dealId) => {
      const commandId = deps.ids.next('command');
      const ctx: CommandContext = { actor: ACTOR, commandId, correlationId: commandId };
      return E.isRight(await deps.deals.expire(ctx, dealId));
    },
    { concurrency: deps.concurrency ?? 16, onError: deps.onError },
  );
