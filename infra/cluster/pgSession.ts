import pg from 'pg';
import { createMutex } from '../../eventstore/mutex.js';
import { postgresTypes } from '../sql/postgresPool.js';

/**
 * A node's own long-lived connection to PostgreSQL, outside the pool: it LISTENs for the cluster's
 * notifications and holds the node's session-level advisory locks (the runners' leases). When it is
 * lost (the server restarted, a backend was terminated) every lock it held is gone with it: `onLost`
 * tells the lease holders at once, and it reconnects by itself, listening again.
 */
export interface PgSession {
  readonly listen: (channel: string, onMessage: (payload: string) => void) => () => void;
  readonly notify: (channel: string, payload: string) => Promise<void>;
  /** Takes a session-level advisory lock if free; false when another session holds it, or no connection. */
  readonly tryLock: (key: string) => Promise<boolean>;
  readonly unlock: (key: string) => Promise<void>;
  readonly onLost: (listener: () => void) => () => void;
  /** After each (re)connection, once listening: followers look at what they may have missed meanwhile. */
  readonly onConnected: (listener: () => void) => () => void;
  readonly connected: () => boolean;
  readonly close: () => Promise<void>;
}

export interface PgSessionOptions {
  readonly applicationName?: string;
  /** Liveness probe of the connection, and the reconnect backoff's ceiling (default 2000 ms). */
  readonly heartbeatMs?: number;
  readonly onError?: (error: unknown) => void;
}

const channelName = (channel: string) => {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw new Error(`not a channel name: ${channel}`);
  return channel;
};

export const createPgSession = (url: string, options: PgSessionOptions = {}): PgSession => {
  const heartbeatMs = options.heartbeatMs ?? 2000;
  const handlers = new Map<string, Set<(payload: string) => void>>();
  const lostListeners = new Set<() => void>();
  const connectedListeners = new Set<() => void>();
  let client: pg.Client | undefined;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let backoff = 100;

  const lose = (current: pg.Client, error?: unknown) => {
    if (client !== current) return;
    client = undefined;
    if (error) options.onError?.(error);
    current.removeAllListeners('notification');
    current.end().catch(() => undefined);
    for (const l of lostListeners) l();
    schedule(backoff);
    backoff = Math.min(backoff * 2, heartbeatMs);
  };

  const connect = async () => {
    if (closed || client) return;
    const c = new pg.Client({
      connectionString: url,
      types: postgresTypes,
      application_name: options.applicationName ?? 'prm',
      keepAlive: true,
      keepAliveInitialDelayMillis: 2000,
      connectionTimeoutMillis: 5000,
    });
    c.on('error', (error) => lose(c, error));
    c.on('end', () => lose(c));
    c.on('notification', (m) => {
      for (const h of handlers.get(m.channel) ?? []) h(m.payload ?? '');
    });
    try {
      await c.connect();
      // The server notices a vanished node within seconds (not TCP's two hours): its locks go with it.
      // Settings of TCP connections; a unix socket refuses nothing and needs none.
      await c
        .query('SET tcp_keepalives_idle = 2; SET tcp_keepalives_interval = 1; SET tcp_keepalives_count = 3')
        .catch(() => undefined);
      for (const channel of handlers.keys()) await c.query(`LISTEN ${channel}`);
    } catch (error) {
      options.onError?.(error);
      c.removeAllListeners();
      c.on('error', () => undefined);
      await c.end().catch(() => undefined);
      schedule(backoff);
      backoff = Math.min(backoff * 2, heartbeatMs);
      return;
    }
    if (closed) {
      await c.end().catch(() => undefined);
      return;
    }
    client = c;
    backoff = 100;
    for (const l of connectedListeners) l();
    schedule(heartbeatMs);
  };

  // One timer: reconnect when disconnected, otherwise probe the connection.
  const schedule = (ms: number) => {
    if (closed) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(async () => {
      timer = undefined;
      if (!client) return connect();
      try {
        await query('SELECT 1');
        schedule(heartbeatMs);
      } catch {
        // query() has let the connection go (and scheduled the reconnection) when it was lost.
        if (client) schedule(heartbeatMs);
      }
    }, ms);
    timer.unref();
  };

  const ready = connect();
  // One statement at a time on the one connection (leases, notifications and the probe share it).
  const serial = createMutex();

  const query = (text: string, values?: unknown[]) =>
    serial.run(async () => {
      await ready;
      const c = client;
      if (!c) throw new Error('no session connection to PostgreSQL');
      try {
        return await c.query(text, values);
      } catch (error) {
        if ((error as { code?: string }).code === undefined) lose(c, error);
        throw error;
      }
    });

  return {
    listen: (channel, onMessage) => {
      const name = channelName(channel);
      let set = handlers.get(name);
      if (!set) {
        set = new Set();
        handlers.set(name, set);
        void query(`LISTEN ${name}`).catch(() => undefined);
      }
      set.add(onMessage);
      return () => {
        set?.delete(onMessage);
      };
    },
    notify: async (channel, payload) => {
      await query('SELECT pg_notify($1, $2)', [channelName(channel), payload]);
    },
    tryLock: async (key) => {
      try {
        const { rows } = await query('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [key]);
        return rows[0]?.locked === true;
      } catch {
        return false;
      }
    },
    unlock: async (key) => {
      await query('SELECT pg_advisory_unlock(hashtext($1))', [key]).catch(() => undefined);
    },
    onLost: (listener) => {
      lostListeners.add(listener);
      return () => {
        lostListeners.delete(listener);
      };
    },
    onConnected: (listener) => {
      connectedListeners.add(listener);
      return () => {
        connectedListeners.delete(listener);
      };
    },
    connected: () => client !== undefined,
    close: async () => {
      closed = true;
      if (timer) clearTimeout(timer);
      await ready;
      const c = client;
      client = undefined;
      if (c) {
        c.removeAllListeners('end');
        await c.end().catch(() => undefined);
      }
    },
  };
};
