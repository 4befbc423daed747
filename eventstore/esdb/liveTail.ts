import { END, excludeSystemEvents, type AllStreamSubscription, type EventStoreDBClient } from '@eventstore/db-client';
import { fromEsdbRecord } from './esdbEnvelope.js';

/**
 * A live subscription to $all that only rings a bell: subscribers in this process then read our
 * log as usual. It makes appends by other processes visible at once instead of at the next poll.
 * Started with the first subscriber, stopped with the last; on any error polling carries on alone.
 */
export const createLiveTail = (client: EventStoreDBClient, ring: (position: number) => void) => {
  let subscription: AllStreamSubscription | undefined;
  let users = 0;

  const start = () => {
    try {
      subscription = client.subscribeToAll({ fromPosition: END, filter: excludeSystemEvents() });
    } catch {
      subscription = undefined;
      return;
    }
    subscription.on('data', (resolved) => {
      const stored = resolved.event ? fromEsdbRecord(resolved.event) : undefined;
      if (stored) ring(stored.position);
    });
    subscription.on('error', () => {
      subscription = undefined;
    });
  };

  const stop = async () => {
    const s = subscription;
    subscription = undefined;
    await s?.unsubscribe().catch(() => undefined);
  };

  return {
    acquire: () => {
      if (users++ === 0) start();
    },
    release: async () => {
      if (--users === 0) await stop();
    },
    close: async () => {
      users = 0;
      await stop();
    },
  };
};
