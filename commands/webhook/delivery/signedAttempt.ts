import type { StoredEvent } from '../../../eventstore/port.js';
import type { Attempt } from './deliveryLedger.js';
import { signatureHeader } from './signature.js';
import type { WebhookSender } from './webhookSender.js';

/** Where an attempt goes and what signs it: the subscription as it is at the moment of the attempt. */
export interface AttemptTarget {
  readonly url: string;
  /** Secrets to sign with now: the current one, and the previous one during a rotation's grace period. */
  readonly secrets: () => readonly string[];
}

/**
 * One POST of an event with the Standard Webhooks headers (the event id as `webhook-id`, so a receiver
 * deduplicates retries and replays on it), and the attempt as the ledger records it.
 */
export const signedAttempt = async (
  sender: WebhookSender,
  target: AttemptTarget,
  event: StoredEvent,
  body: string,
  attemptNumber: number,
  attemptedAt: Date,
  signal: AbortSignal,
): Promise<{ ok: boolean; attempt: Attempt }> => {
  const timestamp = Math.floor(attemptedAt.getTime() / 1000);
  const result = await sender.post(
    target.url,
    {
      'content-type': 'application/json',
      'user-agent': 'prm-core-webhooks/1',
      'webhook-id': event.eventId,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signatureHeader(target.secrets(), event.eventId, timestamp, body),
    },
    body,
    signal,
  );
  const attempt: Attempt = {
    position: event.position,
    eventId: event.eventId,
    eventType: event.type,
    attempt: attemptNumber,
    ...(result.statusCode !== undefined ? { statusCode: result.statusCode } : {}),
    ...(result.error !== undefined ? { error: result.error } : {}),
    durationMs: result.durationMs,
    attemptedAt: attemptedAt.toISOString(),
  };
  return { ok: result.ok, attempt };
};

/** Sleeps `ms`, or less when any of `signals` aborts (a stop, a replay request). */
export const pauseUnless = (ms: number, ...signals: AbortSignal[]) =>
  new Promise<void>((resolve) => {
    const signal = AbortSignal.any(signals);
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
