import type { EventStore } from '../../eventstore/port.js';
import type { PgSession } from './pgSession.js';

/** The channel every append is announced on, inside its transaction (delivered on commit only). */
export const APPENDED_CHANNEL = 'prm_appended';

/**
 * The store as followers see it in a cluster: `onAppended` hears appends made by any node (their
 * NOTIFY) besides this process's own, so runners wake at once instead of polling.
 */
export const withClusterWakeUps = (store: EventStore, session: PgSession): EventStore => ({
  ...store,
  onAppended: (listener) => {
    const local = store.onAppended(listener);
    const remote = session.listen(APPENDED_CHANNEL, (payload) => {
      const head = Number(payload);
      if (Number.isSafeInteger(head)) listener(head);
    });
    // A reconnection may have missed announcements: look once.
    const reconnected = session.onConnected(() => void store.headPosition().then(listener, () => undefined));
    return () => {
      local();
      remote();
      reconnected();
    };
  },
});
