import * as E from 'fp-ts/lib/Either.js';
import type { IdGenerator } from '../../domain/shared/index.js';
import type { EventStore } from '../../eventstore/port.js';
import { readCheckpoints } from '../../infra/follow/checkpoints.js';
import type { SqlDb } from '../../infra/sql/sqlDb.js';
import type { CommandContext } from '../pipeline/index.js';
import { sweepEach } from '../sweeps/index.js';
import type { LeadCommands } from './leadCommands.js';

export interface LeadLapseDeps {
  readonly leads: Pick<LeadCommands, 'lapse'>;
  readonly store: EventStore;
  /** Read-model connection: the `leads` table and its projection checkpoint. */
  readonly reader: SqlDb;
  readonly ids: IdGenerator;
  readonly concurrency?: number;
  readonly onError?: (leadId: string, error: unknown) => void;
}

const ACTOR = { kind: 'system', id: 'lead-acceptance-sweeper' } as const;
const TAIL_TYPES = [
  'LeadAssigned',
  'LeadAccepted',
  'LeadDeclined',
  'LeadAcceptanceLapsed',
  'LeadConverted',
  'LeadDisqualified',
];

/**
 * Leads whose acceptance window passed by `now`: assigned rows of the read model past `accept_by`, plus
 * assignments in the part of the log the read model has not reached (a CLI process runs no projections).
 * A candidate answered meanwhile is found not due by the decider and skipped.
 */
export const overdueLeadCandidates = async (deps: Pick<LeadLapseDeps, 'store' | 'reader'>, now: Date) => {
  const checkpoint = (await readCheckpoints(deps.reader)).get('leads') ?? 0;
  const at = now.toISOString();
  const rows = await deps.reader.all<{ lead_id: string }>(
    `SELECT lead_id FROM leads WHERE status = 'assigned' AND accept_by <= ? ORDER BY accept_by`,
    [at],
  );
  const tail = new Map<string, string | undefined>();
  for await (const event of deps.store.readAll({
    after: checkpoint,
    filter: { types: TAIL_TYPES, streamPrefix: 'lead-' },
  }))
    tail.set(
      event.streamId.slice('lead-'.length),
      event.type === 'LeadAssigned' ? (event.data as { acceptBy: string }).acceptBy : undefined,
    );
  const due = [...tail].filter(([, until]) => until !== undefined && until <= at).map(([id]) => id);
  return [...new Set([...rows.map((r) => r.lead_id), ...due])];
};

/**
 * One sweep: LeadAcceptanceLapsed for every lead nobody accepted in time, routed on at once when the
 * channel's `autoRouteLapsedLeads` says so. Each lapse is an ordinary command with expected versions,
 * so two sweeps racing over one lead (in one process or two) record its lapse exactly once.
 */
export const lapseOverdueLeads = (deps: LeadLapseDeps) => async (now: Date) =>
  sweepEach(
    await overdueLeadCandidates(deps, now),
    async (leadId) => {
      const commandId = deps.ids.next('command');
      const ctx: CommandContext = { actor: ACTOR, commandId, correlationId: commandId };
      return E.isRight(await deps.leads.lapse(ctx, leadId));
    },
    { concurrency: deps.concurrency ?? 16, onError: deps.onError },
  );
