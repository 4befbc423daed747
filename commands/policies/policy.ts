import type { EventStore, StoredEvent } from '../../eventstore/port.js';
import { derivedId, type CommandContext, type CommandPipeline } from '../pipeline/index.js';

/** What a policy may use: the log (to read facts as they were) and the pipeline its commands run on (to act). */
export interface PolicyDeps {
  readonly store: EventStore;
  readonly pipeline: CommandPipeline;
}

/**
 * An event -> command reaction. `handle` runs at least once per event of `eventTypes` (again after a
 * crash before the checkpoint moved), so it must be idempotent: run commands with `policyContext`,
 * whose command id (hence event ids) derives from the source event.
 */
export interface Policy {
  readonly name: string;
  readonly eventTypes: readonly string[];
  readonly handle: (event: StoredEvent, deps: PolicyDeps) => Promise<void>;
}

/** The same policy reacting to the same event always issues the same command id. */
export const policyCommandId = (policyName: string, sourceEventId: string): string =>
  derivedId('cmd', `policy/${policyName}/${sourceEventId}`);

export const policyContext = (policyName: string, source: StoredEvent): CommandContext => ({
  actor: { kind: 'system', id: `policy:${policyName}` },
  commandId: policyCommandId(policyName, source.eventId),
  correlationId: source.metadata.correlationId,
  causationId: source.eventId,
});
