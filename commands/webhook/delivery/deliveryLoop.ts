import { eventEnvelope } from '../../../eventstore/eventEnvelope.js';
import type { EventStore, StoredEvent } from '../../../eventstore/port.js';
import type { LogTail } from '../../../infra/follow/logTail.js';
import type { WebhookFailure } from '../webhookCommands.js';
import type { Attempt, Checkpoint, DeliveryLedger } from './deliveryLedger.js';
import { retryDelay, type RetryPolicy } from './retryPolicy.js';
import { type AttemptTarget, pauseUnless, signedAttempt } from './signedAttempt.js';
import type { WebhookSender } from './webhookSender.js';

/** What a loop needs to know of its subscription right now (rotations and replays change it). */
export interface Subscription extends AttemptTarget {
  readonly webhookId: string;
  readonly eventTypes?: readonly string[];
  /** The log position of its WebhookSubscribed: delivery starts after it. */
  readonly subscribedPosition: number;
}

export interface DeliveryLoopDeps {
  readonly subscription: () => Subscription;
  readonly store: Pick<EventStore, 'readAll' | 'headPosition'>;
  readonly ledger: DeliveryLedger;
  readonly sender: WebhookSender;
  readonly tail: LogTail;
  readonly retry: RetryPolicy;
  readonly now: () => Date;
  readonly giveUp: (failure: WebhookFailure) => Promise<void>;
  readonly onError: (error: unknown) => void;
  readonly random?: () => number;
}

const BATCH = 100;
/**
 * Acknowledgements are written a batch at a time (one transaction, not one per event), and at the
 * latest this long after the first of them: a kill -9 meanwhile delivers those events once more.
 */
const FLUSH_MS = 50;
const cleared = { pendingPosition: null, attempts: 0, failingSince: null, nextAttemptAt: null };
/** Skipping past filtered-out events is written every so many positions; a restart rescans the rest. */
const SKIP_WRITE = 1000;

/**
 * One subscription's delivery: follows the log from its checkpoint and POSTs each matching event, the
 * next only once the previous got a 2xx (log order, at least once), retrying with backoff, giving up
 * (the subscription marked failing) after the retry policy's limit. It waits on its own receiver only:
 * every subscription has its own loop and its own connection.
 */
export const createDeliveryLoop = (deps: DeliveryLoopDeps) => {
  const { ledger, store, tail } = deps;
  const random = deps.random ?? Math.random;
  const stopping = new AbortController();
  let wake = new AbortController();
  const replays: { fromPosition: number; requestedAt: number }[] = [];
  let persisted = 0;
  let gaveUp = false;
  /** Acknowledged attempts not yet written: written by the batch, at most FLUSH_MS after the first. */
  const unflushed: Attempt[] = [];
  let firstUnflushedAt = 0;
  const flush = async (c: Checkpoint) => {
    if (unflushed.length === 0) return;
    await ledger.acknowledged(deps.subscription().webhookId, c, unflushed.splice(0));
    firstUnflushedAt = 0;
    persisted = c.position;
  };

  const stopped = () => stopping.signal.aborted;
  /** Sleeps until `ms` pass, or a replay or stop interrupts. */
  const pause = (ms: number) => pauseUnless(ms, stopping.signal, wake.signal);

  const applyReplays = async (c: Checkpoint): Promise<Checkpoint> => {
    const sub = deps.subscription();
    let checkpoint = c;
    for (const r of replays.splice(0))
      if (await ledger.replay(sub.webhookId, r.fromPosition, r.requestedAt, sub.subscribedPosition))
        checkpoint = await ledger.open(sub.webhookId, sub.subscribedPosition);
    return checkpoint;
  };

  /** Tries one event until it is acknowledged; undefined when the loop must stop (stopped, replayed, gave up). */
  const deliver = async (event: StoredEvent, from: Checkpoint): Promise<Checkpoint | undefined> => {
    let c = from;
    const body = JSON.stringify(eventEnvelope(event));
    for (;;) {
      if (c.pendingPosition === event.position && c.nextAttemptAt) {
        await pause(Date.parse(c.nextAttemptAt) - deps.now().getTime());
        if (stopped() || replays.length) return undefined;
      }
      const sub = deps.subscription();
      const attemptedAt = deps.now();
      const number = (c.pendingPosition === event.position ? c.attempts : 0) + 1;
      const { ok, attempt } = await signedAttempt(deps.sender, sub, event, body, number, attemptedAt, stopping.signal);
      if (stopped()) return undefined;
      if (ok) {
        unflushed.push(attempt);
        firstUnflushedAt ||= performance.now();
        return { ...c, position: event.position, lastSeq: c.lastSeq + 1, ...cleared };
      }
      await flush(c);
      const failingSince = (c.pendingPosition === event.position && c.failingSince) || attempt.attemptedAt;
      const delay = retryDelay(deps.retry, attempt.attempt, random);
      const lastError = attempt.error ?? `HTTP ${attempt.statusCode}`;
      if (attemptedAt.getTime() + delay - Date.parse(failingSince) > deps.retry.giveUpAfterMs) {
        await ledger.failed(sub.webhookId, c, attempt, failingSince, false);
        gaveUp = true;
        await deps.giveUp({
          position: event.position,
          eventId: event.eventId,
          attempts: attempt.attempt,
          failingSince,
          lastError,
        });
        return undefined;
      }
      const nextRetryAt = new Date(attemptedAt.getTime() + delay).toISOString();
      c = await ledger.failed(sub.webhookId, c, { ...attempt, nextRetryAt }, failingSince, true);
    }
  };

  const run = async () => {
    const first = deps.subscription();
    let c = await ledger.open(first.webhookId, first.subscribedPosition);
    persisted = c.position;
    while (!stopped() && !gaveUp) {
      if (replays.length) {
        c = await applyReplays(c);
        persisted = c.position;
      }
      wake = new AbortController();
      const sub = deps.subscription();
      const head = await store.headPosition();
      const batch: StoredEvent[] = [];
      const filter = sub.eventTypes ? { types: sub.eventTypes } : undefined;
      for await (const e of store.readAll({ after: c.position, limit: BATCH, ...(filter ? { filter } : {}) }))
        batch.push(e);
      for (const event of batch) {
        const next = await deliver(event, c);
        if (!next) break;
        c = next;
        if (performance.now() - firstUnflushedAt >= FLUSH_MS) await flush(c);
      }
      await flush(c);
      if (stopped() || gaveUp || replays.length || batch.length === BATCH) continue;
      // Everything up to `head` that matches was delivered: the rest of the way is skipped.
      if (head > c.position) {
        if (head - persisted >= SKIP_WRITE) {
          c = await ledger.skipped(sub.webhookId, c, head);
          persisted = head;
        } else c = { ...c, position: head };
      }
      await tail.waitBeyond(c.position, 30_000, AbortSignal.any([stopping.signal, wake.signal]));
    }
  };

  let running: Promise<void> | undefined;
  return {
    start: () => {
      // A failure (the database, say) is reported and the loop resumes from its stored checkpoint.
      running ??= (async () => {
        while (!stopped() && !gaveUp)
          await run().catch(async (error) => {
            deps.onError(error);
            await pause(1000);
          });
      })();
    },
    /** Deliver again from `fromPosition`; applied once, between two events, also after a restart. */
    replay: (fromPosition: number, requestedAt: number) => {
      replays.push({ fromPosition, requestedAt });
      wake.abort();
    },
    stop: async () => {
      stopping.abort();
      await running;
    },
  };
};
export type DeliveryLoop = ReturnType<typeof createDeliveryLoop>;
