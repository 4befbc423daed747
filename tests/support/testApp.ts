import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app/buildApp.js';
import { timeOrderedIds } from '../../app/timeOrderedIds.js';
import type { EventStoreChoice } from '../../app/openEventStore.js';
import { createPlatform, type Platform, type PlatformOptions } from '../../app/platform.js';
import { manualClock } from '../../domain/shared/clock.js';
import { signToken } from '../../http/jwt.js';
import type { IdentityOptions } from '../../read-api/identity/identityOptions.js';
import { checkResponsesAgainstContract } from './responseContract.js';

export const ADMIN_KEY = 'test-admin-key-0123456789abcdef';
export const JWT_SECRET = 'test-jwt-secret-0123456789abcdef0123456789';

export interface Response {
  readonly status: number;
  /** The parsed JSON answer (the text when it is not JSON, undefined when empty): read it with support/json.ts. */
  readonly body: unknown;
  readonly headers: Record<string, string | string[] | number | undefined>;
}

/** A real app on a real SQLite file in a temp directory, driven through fastify.inject. */
/**
 * A request through `app.inject` as the tests make them: a bearer token (the admin key unless given, none
 * for null), a JSON body, and the answer's body parsed as JSON when it is.
 */
export const injectRequest =
  (app: FastifyInstance) =>
  async (
    method: string,
    url: string,
    body?: unknown,
    token: string | null = ADMIN_KEY,
    headers: Record<string, string> = {},
  ): Promise<Response> => {
    const res = await app.inject({
      method: method as 'GET',
      url,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { payload: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    let json: unknown = res.body;
    try {
      json = res.body ? JSON.parse(res.body) : undefined;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.statusCode, body: json, headers: res.headers };
  };

export const startTestApp = async (
  options: {
    now?: string;
    eventStore?: EventStoreChoice;
    webhooks?: PlatformOptions['webhooks'];
    logStream?: { write: (line: string) => void };
    identity?: IdentityOptions;
    projectionWorker?: boolean;
  } = {},
) => {
  const dir = mkdtempSync(join(tmpdir(), 'prm-test-'));
  const clock = manualClock(options.now ?? '2026-06-01T09:00:00.000Z');
  const platform: Platform = await createPlatform({
    databaseFile: join(dir, 'prm.db'),
    clock,
    ids: timeOrderedIds(),
    eventStore: options.eventStore,
    webhooks: options.webhooks,
    // `PRM_PROJECTION_WORKER=true npm test` runs every spec with the projections on a worker thread.
    projectionWorker: options.projectionWorker ?? process.env.PRM_PROJECTION_WORKER === 'true',
  });
  const app: FastifyInstance = await buildApp(platform, {
    adminKey: ADMIN_KEY,
    jwtSecret: JWT_SECRET,
    ...(options.logStream ? { logLevel: 'trace', logStream: options.logStream } : {}),
    ...(options.identity ? { identity: options.identity } : {}),
    // Every response the suite sees must match the route's declared status, content type and schema.
    extend: checkResponsesAgainstContract,
  });

  const request = injectRequest(app);

  const tokenFor = (personId: string, ttl = 3600) => {
    const iat = Math.floor(clock.now().getTime() / 1000);
    return signToken(JWT_SECRET, { sub: personId, iat, exp: iat + ttl });
  };

  return {
    app,
    platform,
    clock,
    dir,
    request,
    tokenFor,
    get: (url: string, token?: string | null) => request('GET', url, undefined, token),
    post: (url: string, body: unknown = {}, token?: string | null, headers?: Record<string, string>) =>
      request('POST', url, body, token, headers),
    put: (url: string, body: unknown = {}, token?: string | null, headers?: Record<string, string>) =>
      request('PUT', url, body, token, headers),
    eventCount: () => platform.store.headPosition(),
    dispose: async () => {
      await app.close();
      await platform.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};
export type TestApp = Awaited<ReturnType<typeof startTestApp>>;
