import { createMutex } from '../../eventstore/mutex.js';
import type { StoredEvent } from '../../eventstore/port.js';
import type { TransactionalSqlDb } from '../../projections/sql/sqlDb.js';
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
}

/**
 * Runs policies with a checkpoint each. A batch of events is handled, then the checkpoint moves: a crash
 * in between handles those events again, which policies make harmless (deterministic command ids and
 * idempotent appends, and deciders refusing a source twice).
 */
const SKIP_WRITE = 1000;

export const createPolicyRunner = (options: PolicyRunnerOptions): PolicyRunner => {
  const { store, db, policies } = options;
  const batchSize = options.batchSize ?? 100;
  const now = options.now ?? (() => new Date());
  const onError = options.onError ?? ((name, error) => console.error(`policy ${name} failed; retrying on the next append or poll`, error));
  const checkpoints = new Map<string, number>();
  /** What is on disk: skipping events no policy reacts to is only written now and then. */
  const persisted = new Map<string, number>();
  const serial = createMutex();
  const waiters: { position: number; resolve: () => void; reject: (e: unknown) => void }[] = [];
  let queued: Promise<void> | undefined;
  let stopped = true;
  let timer: NodeJS.Timeout | undefined;
  let unsubscribe: (() => void) | undefined;

  const reached = () => Math.min(...policies.map((p) => checkpoints.get(p.name) ?? 0));

  /**
   * Moves a policy's checkpoint. After handled events it is written at once; past events it merely
   * skipped, only every SKIP_WRITE positions (a restart rescans that stretch, reacting to nothing).
   */
  const advance = async (policy: Policy, position: number, handled: boolean) => {
    if (position <= (checkpoints.get(policy.name) ?? 0)) return;
    checkpoints.set(policy.name, position);
    if (!handled && position - (persisted.get(policy.name) ?? 0) < SKIP_WRITE) return;
    await db.transaction((tx) => writePolicyCheckpoint(tx, policy.name, position, now().toISOString()));
    persisted.set(policy.name, position);
  };

  const catchUp = async (policy: Policy) => {
    for (;;) {
      if (stopped) return;
      const head = await store.headPosition();
      const batch: StoredEvent[] = [];
      for await (const e of store.readAll({ after: checkpoints.get(policy.name) ?? 0, limit: batchSize, filter: { types: policy.eventTypes } }))
        batch.push(e);
      for (const event of batch) {
        if (stopped) return;
        await policy.handle(event, options);
      }
      // A short batch means nothing else matched up to `head`: skip past it so the next scan starts there.
      const last = batch.length ? batch[batch.length - 1].position : 0;
      await advance(policy, batch.length < batchSize ? Math.max(last, head) : last, batch.length > 0);
      if (batch.length < batchSize) return;
    }
  };

  /** Resolves the waiters that are reached; after a failed run, rejects the others rather than leave them hanging. */
  const settle = (failure: unknown) => {
    const at = reached();
    for (let i = waiters.length - 1; i >= 0; i--) {
      if (at >= waiters[i].position) waiters[i].resolve();
      else if (failure !== undefined) waiters[i].reject(failure);
      else continue;
      waiters.splice(i, 1);
    }
  };

  const kick = (): Promise<void> => {
    if (queued) return queued;
    const run = serial.run(async () => {
      queued = undefined;
      let failure: unknown;
      for (const policy of policies) {
        try {
          await catchUp(policy);
        } catch (error) {
          failure = error;
          onError(policy.name, error);
        }
      }
      settle(failure);
    });
    queued = run;
    return run;
  };

  const poll = () => {
    timer = setTimeout(async () => {
      if (stopped) return;
      await kick();
      if (!stopped) poll();
    }, options.pollMs ?? 1000);
    timer.unref();
  };

  return {
    start: async () => {
      for (const [name, position] of await readPolicyCheckpoints(db)) {
        checkpoints.set(name, position);
        persisted.set(name, position);
      }
      stopped = false;
      unsubscribe = store.onAppended(() => void kick());
      await kick();
      poll();
    },
    waitFor: (position) =>
      new Promise<void>((resolve, reject) => {
        // A runner that is not running has nothing to wait for (the CLI, or a platform started without policies).
        if (stopped || reached() >= position) return resolve();
        waiters.push({ position, resolve, reject });
        void kick();
      }),
    positions: () => new Map(checkpoints),
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      unsubscribe?.();
      await serial.run(async () => {
        // Keep what was skipped, so that a restart does not rescan it.
        for (const policy of policies) {
          const at = checkpoints.get(policy.name) ?? 0;
          if (at > (persisted.get(policy.name) ?? 0)) await db.transaction((tx) => writePolicyCheckpoint(tx, policy.name, at, now().toISOString()));
        }
      });
      for (const w of waiters.splice(0)) w.resolve();
    },
  };
};
