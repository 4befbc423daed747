import { createMutex } from '../../eventstore/mutex.js';
import { createPositionWatch, type PositionWatch } from '../follow/positionWatch.js';
import type { Lease } from './lease.js';
import type { PgSession } from './pgSession.js';

/** The channel on which lease holders announce how far their follower got: `<name>:<position>`. */
export const PROGRESS_CHANNEL = 'prm_progress';

/** A follower of the log as the cluster runs it: started where the lease is held, stopped where it is lost. */
export interface Runnable {
  readonly start: () => Promise<void>;
  readonly stop: () => Promise<void>;
}

export interface ClusterFollower<R extends Runnable> {
  /** The follower itself; it runs on this node only while the lease is held. */
  readonly runner: R;
  /** How far the follower got, wherever it runs: what waiters on this node wait on. */
  readonly watch: PositionWatch;
  /** Whether the follower runs on this node now. */
  readonly holds: () => boolean;
  readonly start: () => Promise<void>;
  readonly stop: () => Promise<void>;
}

export interface ClusterFollowerOptions<R extends Runnable> {
  /** `projections`, `policies`: the lease's name and the progress announcements'. */
  readonly name: string;
  readonly session: PgSession;
  readonly lease: Lease;
  /** Builds the follower; it reports every position it reaches through `onProgress`. */
  readonly runner: (onProgress: (position: number) => void) => R;
  /** The follower's position as its checkpoints in the database say: the fallback when announcements are missed. */
  readonly readPosition: () => Promise<number>;
  /** How often a node that does not hold the lease reads the checkpoints anyway (default 1000 ms). */
  readonly pollMs?: number;
  readonly onError?: (error: unknown) => void;
}

/**
 * One follower per cluster (DESIGN §12): the lease holder runs it and announces each position it
 * reaches with NOTIFY; every node (the holder too) moves its watch on those announcements, and polls
 * the checkpoints only as a fallback. When the lease moves, the new holder starts the follower from
 * its checkpoints.
 */
export const followInCluster = <R extends Runnable>(options: ClusterFollowerOptions<R>): ClusterFollower<R> => {
  const watch = createPositionWatch();
  const transitions = createMutex();
  const prefix = `${options.name}:`;
  let running = false;
  let applying = false;
  let timer: NodeJS.Timeout | undefined;
  const unsubscribers: (() => void)[] = [];

  const report = (position: number) => {
    watch.advance(position);
    options.session.notify(PROGRESS_CHANNEL, `${prefix}${position}`).catch(() => undefined);
  };
  const runner = options.runner(report);

  const refresh = async () => {
    try {
      watch.advance(await options.readPosition());
    } catch (error) {
      options.onError?.(error);
    }
  };

  // Lease transitions one at a time: a start that is still catching up finishes before a stop.
  const follow = (held: boolean) =>
    transitions.run(async () => {
      if (held && running && !applying) {
        try {
          await runner.start();
          applying = true;
        } catch (error) {
          options.onError?.(error);
          // Still holding: try again shortly (the database may be coming back).
          setTimeout(() => void follow(options.lease.held()), 1000).unref();
        }
      } else if (!held && applying) {
        applying = false;
        await runner.stop().catch(options.onError);
      }
    });

  const poll = () => {
    timer = setTimeout(async () => {
      if (!running) return;
      if (!applying) await refresh();
      poll();
    }, options.pollMs ?? 1000);
    timer.unref();
  };

  return {
    runner,
    watch,
    holds: () => applying,
    start: async () => {
      running = true;
      unsubscribers.push(
        options.session.listen(PROGRESS_CHANNEL, (payload) => {
          if (payload.startsWith(prefix)) watch.advance(Number(payload.slice(prefix.length)) || 0);
        }),
        options.session.onConnected(() => void refresh()),
        options.lease.onChange((held) => void follow(held)),
      );
      await refresh();
      await options.lease.start();
      poll();
    },
    stop: async () => {
      running = false;
      if (timer) clearTimeout(timer);
      for (const u of unsubscribers.splice(0)) u();
      await options.lease.stop();
      await follow(false);
      watch.release();
    },
  };
};
