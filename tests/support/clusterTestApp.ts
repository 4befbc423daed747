import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildApp } from '../../app/buildApp.js';
import { createClusterPlatform, type ClusterPlatformOptions } from '../../app/cluster/clusterPlatform.js';
import { timeOrderedIds } from '../../app/timeOrderedIds.js';
import { manualClock } from '../../domain/shared/clock.js';

type ManualClock = ReturnType<typeof manualClock>;
import { signToken } from '../../http/jwt.js';
import type { IdentityOptions } from '../../read-api/identity/identityOptions.js';
import type { PostgresServer } from './postgresServer.js';
import { ADMIN_KEY, injectRequest, JWT_SECRET } from './testApp.js';

let databases = 0;

/** A new, empty database on the server (one per suite or per node group), as a connection string. */
export const freshDatabase = async (server: PostgresServer, prefix = 'prm'): Promise<string> => {
  const name = `${prefix}_${process.pid}_${++databases}`;
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  return server.url.replace(/\/[^/]*$/, `/${name}`);
};

/** A node of a cluster on a real PostgreSQL database, driven through fastify.inject like startTestApp. */
export const startClusterTestApp = async (
  url: string,
  options: { now?: string; clock?: ManualClock; identity?: IdentityOptions } & Partial<
    Omit<ClusterPlatformOptions, 'url' | 'clock' | 'ids'>
  > = {},
) => {
  // Nodes of one test cluster share a clock when given one: time passes alike on every node.
  const clock = options.clock ?? manualClock(options.now ?? '2026-06-01T09:00:00.000Z');
  const { identity, ...platformOptions } = options;
  const platform = await createClusterPlatform({
    ids: timeOrderedIds(),
    leaseRetryMs: 200,
    ...platformOptions,
    url,
    clock,
  });
  const app: FastifyInstance = await buildApp(platform, {
    adminKey: ADMIN_KEY,
    jwtSecret: JWT_SECRET,
    ...(identity ? { identity } : {}),
  });

  const request = injectRequest(app);

  return {
    app,
    platform,
    clock,
    request,
    tokenFor: (personId: string, ttl = 3600) => {
      const iat = Math.floor(clock.now().getTime() / 1000);
      return signToken(JWT_SECRET, { sub: personId, iat, exp: iat + ttl });
    },
    get: (url: string, token?: string | null, headers?: Record<string, string>) =>
      request('GET', url, undefined, token, headers),
    post: (url: string, body: unknown = {}, token?: string | null, headers?: Record<string, string>) =>
      request('POST', url, body, token, headers),
    put: (url: string, body: unknown = {}, token?: string | null, headers?: Record<string, string>) =>
      request('PUT', url, body, token, headers),
    eventCount: () => platform.store.headPosition(),
    dispose: async () => {
      await app.close();
      await platform.close();
    },
  };
};
export type ClusterTestApp = Awaited<ReturnType<typeof startClusterTestApp>>;
