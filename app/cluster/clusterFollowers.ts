import type { CommandPipeline } from '../../commands/pipeline/index.js';
import { allPolicies, createPolicyRunner, type PolicyRunner } from '../../commands/policies/index.js';
import type { Clock } from '../../domain/shared/index.js';
import type { EventStore } from '../../eventstore/index.js';
import { followInCluster } from '../../infra/cluster/followInCluster.js';
import { createLease } from '../../infra/cluster/lease.js';
import type { PgSession } from '../../infra/cluster/pgSession.js';
import type { SqlDb, TransactionalSqlDb } from '../../infra/sql/sqlDb.js';
import { allProjections, createProjectionRunner, type ProjectionRunner } from '../../projections/index.js';

/** Lowest position among `names` in a checkpoint table (a name without a row has seen nothing). */
const lowest = async (db: SqlDb, table: 'projection_checkpoints' | 'policy_checkpoints', names: string[]) => {
  const rows = await db.all<{ name: string; position: number }>(`SELECT name, position FROM ${table}`);
  const at = new Map(rows.map((r) => [r.name, Number(r.position)]));
  return Math.min(...names.map((n) => at.get(n) ?? 0));
};

export interface ClusterFollowerDeps {
  readonly store: EventStore;
  readonly session: PgSession;
  readonly db: TransactionalSqlDb;
  readonly clock: Clock;
  readonly leaseRetryMs?: number;
  readonly pollMs?: number;
  /** How long read-your-writes waits for the read models before answering anyway (default 30 s). */
  readonly waitMs?: number;
  readonly onError: (error: unknown) => void;
}

/**
 * Serialises every applier of projections across the cluster, transaction by transaction: a node that
 * lost its lease mid-batch and the node that took over never apply the same events (each re-reads the
 * checkpoints once it holds this lock). Released at commit or rollback.
 */
const fence = (tx: SqlDb) => tx.run(`SELECT pg_advisory_xact_lock(hashtext('prm.fence.projections'))`);

/**
 * The projection runner as the cluster runs it: on the node holding the `projections` lease only;
 * every node waits on the positions it announces. A waiter past `waitMs` is let go rather than turned
 * into an error: the command it serves was committed.
 */
export const clusterProjections = (deps: ClusterFollowerDeps) => {
  const follower = followInCluster({
    name: 'projections',
    session: deps.session,
    lease: createLease(deps.session, 'projections', { retryMs: deps.leaseRetryMs }),
    runner: (onProgress) =>
      createProjectionRunner({
        store: deps.store,
        db: deps.db,
        projections: allProjections,
        now: deps.clock.now,
        pollMs: deps.pollMs,
        fence,
        onProgress,
      }),
    readPosition: () => lowestProjection(deps.db),
    pollMs: deps.pollMs,
    onError: deps.onError,
  });
  const runner: ProjectionRunner = {
    start: follower.start,
    waitFor: async (position) => {
      await follower.watch.waitFor(position, deps.waitMs ?? 30_000);
    },
    rebuild: follower.runner.rebuild,
    position: follower.watch.position,
    stop: follower.stop,
  };
  return { runner, watch: follower.watch, holds: follower.holds };
};

const lowestProjection = (db: SqlDb) =>
  lowest(
    db,
    'projection_checkpoints',
    allProjections.map((p) => p.name),
  );

/** The policies likewise, under the `policies` lease; every move of their checkpoints is written. */
export const clusterPolicies = (deps: ClusterFollowerDeps & { readonly pipeline: CommandPipeline }) => {
  const follower = followInCluster({
    name: 'policies',
    session: deps.session,
    lease: createLease(deps.session, 'policies', { retryMs: deps.leaseRetryMs }),
    runner: (onProgress) =>
      createPolicyRunner({
        store: deps.store,
        pipeline: deps.pipeline,
        db: deps.db,
        policies: allPolicies,
        now: deps.clock.now,
        pollMs: deps.pollMs,
        skipWrite: 0,
        onProgress,
      }),
    readPosition: () =>
      lowest(
        deps.db,
        'policy_checkpoints',
        allPolicies.map((p) => p.name),
      ),
    pollMs: deps.pollMs,
    onError: deps.onError,
  });
  const policies: PolicyRunner = {
    start: follower.start,
    waitFor: async (position) => {
      await follower.watch.waitFor(position, deps.waitMs ?? 30_000);
    },
    positions: follower.runner.positions,
    stop: follower.stop,
  };
  return { policies, watch: follower.watch, holds: follower.holds };
};
