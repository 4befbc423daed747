import type { StoredEvent } from '../../eventstore/port.js';
import { createCatchUpLoop } from '../../infra/follow/catchUpLoop.js';
import type { TransactionalSqlDb } from '../../infra/sql/sqlDb.js';
import type { Policy, PolicyDeps } from './policy.js';
import { readPolicyCheckpoints, writePolicyCheckpoint } from './policyCheckpoints.js';

export interface PolicyRunner {
  /** Catches every policy up with the log, then follows appends (and polls for other processes' appends). */
  readonly start: () => Promise<void>;
  /** Resolves once every policy has handled the log up to `position`. */
  readonly waitFor: (position: number) => Promise<void>;
  readonly positions: () => ReadonlyMap<string, number>;
  readonly stop: () => Promise<void>;
}

export interface PolicyRunnerOptions extends PolicyDeps {
  readonly db: TransactionalSqlDb;
  readonly policies: readonly Policy[];
  readonly batchSize?: number;
  readonly pollMs?: number;
  readonly now?: () => Date;
  readonly onError?: (policy: string, error: unknown) => void;
  /**
   * Positions a policy may skip past (reacting to nothing) before its checkpoint is written (default
   * 1000). Cluster mode writes every move (0): other nodes learn the policies' progress from it.
   */
  readonly skipWrite?: number;
  /** Told the position every policy has handled, after each catch-up (cluster announcements). */
  readonly onProgress?: (position: number) => void;
}

/**
 * Runs policies with a checkpoint each. A batch of events is handled, then the checkpoint moves: a crash
 * in between handles those events again, which policies make harmless (deterministic command ids and
 * idempotent appends, and deciders refusing a source twice).
 */

export const createPolicyRunner = (options: PolicyRunnerOptions): PolicyRunner => {
  const { store, db, policies } = options;
  const batchSize = options.batchSize ?? 100;
  const now = options.now ?? (() => new Date());
  const onError =
    options.onError ??
    ((name, error) => console.error(`policy ${name} failed; retrying on the next append or poll`, error));
  const skipWrite = options.skipWrite ?? 1000;
  const checkpoints = new Map<string, number>();
  /** What is on disk: skipping events no policy reacts to is only written now and then. */
  const persisted = new Map<string, number>();

  const persist = async (name: string, position: number) => {
    await db.transaction((tx) => writePolicyCheckpoint(tx, name, position, now().toISOString()));
    persisted.set(name, position);
  };

  const reached = () => Math.min(...policies.map((p) => checkpoints.get(p.name) ?? 0));

  /**
   * Moves a policy's checkpoint. After handled events it is written at once; past events it merely
   * skipped, only every `skipWrite` positions (a restart rescans that stretch, reacting to nothing).
   */
  const advance = async (policy: Policy, position: number, handled: boolean) => {
    if (position <= (checkpoints.get(policy.name) ?? 0)) return;
    checkpoints.set(policy.name, position);
    if (!handled && position - (persisted.get(policy.name) ?? 0) < skipWrite) return;
    await persist(policy.name, position);
  };

  const catchUp = async (policy: Policy) => {
    for (;;) {
      if (!loop.following()) return;
      const head = await store.headPosition();
      const batch: StoredEvent[] = [];
      for await (const e of store.readAll({
        after: checkpoints.get(policy.name) ?? 0,
        limit: batchSize,
        filter: { types: policy.eventTypes },
      }))
        batch.push(e);
      for (const event of batch) {
        if (!loop.following()) return;
        await policy.handle(event, options);
      }
      // A short batch means nothing else matched up to `head`: skip past it so the next scan starts there.
      const last = batch.length ? batch[batch.length - 1].position : 0;
      await advance(policy, batch.length < batchSize ? Math.max(last, head) : last, batch.length > 0);
      if (batch.length < batchSize) return;
    }
  };

  // One catch-up of every policy in turn; a failing policy does not hold the others back.
  const loop = createCatchUpLoop({
    store,
    pollMs: options.pollMs,
    reached,
    run: async () => {
      let failure: unknown;
      for (const policy of policies) {
        try {
          await catchUp(policy);
        } catch (error) {
          failure = error;
          onError(policy.name, error);
        }
      }
      options.onProgress?.(reached());
      return failure;
    },
  });

  return {
    start: async () => {
      for (const [name, position] of await readPolicyCheckpoints(db)) {
        checkpoints.set(name, position);
        persisted.set(name, position);
      }
      // A failed policy is reported and retried on the next append or poll; the others run.
      await loop.start();
    },
    // A runner that is not running has nothing to wait for (the CLI, or a platform started without policies).
    waitFor: (position) => (loop.following() ? loop.waitFor(position) : Promise.resolve()),
    positions: () => new Map(checkpoints),
    stop: async () => {
      // Keep what was skipped, so that a restart does not rescan it.
      await loop.stop(async () => {
        for (const policy of policies) {
          const at = checkpoints.get(policy.name) ?? 0;
          if (at > (persisted.get(policy.name) ?? 0)) await persist(policy.name, at);
        }
      });
      loop.release();
    },
  };
};
