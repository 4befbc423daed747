import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { commandRoutes, commandScopedIds } from '../commands/index.js';
import { webhookCommands } from '../commands/webhook/webhookCommands.js';
import { webhookCommandRoutes } from '../commands/webhook/webhookRoutes.js';
import { createLogTail } from '../infra/follow/logTail.js';
import { oidcClientCommands } from '../commands/oidcClient/oidcClientCommands.js';
import { oidcClientCommandRoutes } from '../commands/oidcClient/oidcClientRoutes.js';
import { clientSecretOf } from '../read-api/identity/provider/partnerIdentityProvider.js';
import { feedRoutes } from '../read-api/feed/feedRoutes.js';
import { readModelLeadCandidates } from '../commands/lead/leadCandidates.js';
import { principalOf, useAuthentication } from '../http/authenticate.js';
import { actorOf } from '../commands/auth/actorOf.js';
import { recordIdentity } from '../read-api/identity/identityAudit.js';
import { useProblemErrors } from '../http/errorHandling.js';
import { problemServerOptions } from '../http/frameworkErrors.js';
import { sqlIdempotencyStore } from '../http/idempotency.js';
import { createMetrics, useRequestMetrics } from '../http/metrics.js';
import { useMinPosition } from '../http/minPosition.js';
import { tokenRoute } from '../http/tokenRoute.js';
import { useZodSchemas } from '../http/zodSchemas.js';
import { openApiTransforms } from '../http/openApi.js';
import { healthRoutes } from '../http/healthRoutes.js';
import { loadApiClient, loadPrincipal } from '../projections/index.js';
import { analyticsCsvRoutes } from '../read-api/analytics/analyticsCsvRoutes.js';
import { auditRoutes } from '../read-api/audit/auditRoutes.js';
import { queryRoutes } from '../read-api/index.js';
import { keptAnswers } from '../read-api/keptAnswers.js';
import { webRoutes } from '../web/webRoutes.js';
import { SESSION_COOKIE, type IdentityOptions } from '../read-api/identity/identityOptions.js';
import { identityRoutes } from '../read-api/identity/identityRoutes.js';
import { createRelyingParty } from '../read-api/identity/relyingParty.js';
import { personIdByEmail } from '../read-api/identity/signInPerson.js';
import { readYourWrites } from '../infra/readYourWrites.js';
import type { AppPlatform } from './platform.js';

export interface AppOptions {
  readonly adminKey: string;
  readonly jwtSecret: string;
  readonly logLevel?: string;
  /** Where log lines go (stdout when absent): tests read it to prove keys are never logged. */
  readonly logStream?: { write: (line: string) => void };
  /** Called before the app is ready: tests add their response-contract check here. */
  readonly extend?: (app: FastifyInstance) => void;
  /** How people sign in (DESIGN §14); absent: one-time links to the log, no provider, no token pasting. */
  readonly identity?: IdentityOptions;
}

const BODY_LIMIT = 4 * 1024 * 1024;

/** The HTTP API over a platform: commands, queries, auth, OpenAPI, health and metrics. */
export const buildApp = async (platform: AppPlatform, options: AppOptions): Promise<FastifyInstance> => {
  const app = Fastify({
    // fastify's own refusals (undecodable URLs, malformed requests) as problem+json too.
    ...problemServerOptions,
    logger: { level: options.logLevel ?? 'silent', ...(options.logStream ? { stream: options.logStream } : {}) },
    // Large enough that a 1 MB string reaches validation and gets a 400 with its field path.
    bodyLimit: BODY_LIMIT,
  });
  const metrics = createMetrics();
  useZodSchemas(app);
  useProblemErrors(app);
  useRequestMetrics(app, metrics);
  options.extend?.(app);
  const { transform, transformObject } = openApiTransforms();
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'PRM core API',
        version: '0.1.0',
        description: 'Partner Relationship Management: commands and read models over an event log.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'admin key or a JWT from POST /auth/tokens' },
        },
      },
    },
    transform,
    transformObject,
  });
  // Before the UI registers its routes: onRoute only sees routes added after it.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/docs')) route.config = { ...(route.config ?? {}), public: true };
  });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list' } });
  const identity: IdentityOptions = options.identity ?? { publicUrl: 'http://127.0.0.1', devTokenSignIn: false };
  const relyingParty = identity.relyingParty ? createRelyingParty(identity.relyingParty) : undefined;
  useAuthentication(app, {
    adminKey: options.adminKey,
    jwtSecret: options.jwtSecret,
    loadPrincipal: (personId) => loadPrincipal(platform.reader, personId),
    loadApiClient: (key) => loadApiClient(platform.reader, key, platform.clock.now()),
    now: platform.clock.now,
    sessionCookie: SESSION_COOKIE,
    ...(relyingParty
      ? {
          verifyAccessToken: async (token: string) => {
            const email = await relyingParty.accessTokenEmail(token, platform.clock.now());
            return email ? personIdByEmail(platform.reader, email) : undefined;
          },
        }
      : {}),
  });

  useMinPosition(app, { waitFor: platform.runner.waitFor });

  const now = platform.clock.now;
  const kit = {
    // Ids of new things derive from the command id when a request carries an Idempotency-Key.
    ids: commandScopedIds(platform.ids),
    idempotency: sqlIdempotencyStore(platform.writeDb),
    waitForProjections: readYourWrites({
      policies: platform.policies,
      projections: platform.runner,
      headPosition: platform.store.headPosition,
    }),
    readModelPosition: platform.runner.position,
    now,
  };
  commandRoutes(app, kit, platform.pipeline, { leadCandidates: readModelLeadCandidates(platform.reader) });
  webhookCommandRoutes(
    app,
    kit,
    webhookCommands({ pipeline: platform.pipeline, ids: kit.ids, store: platform.store, ...platform.webhookSettings }),
  );
  oidcClientCommandRoutes(app, kit, oidcClientCommands({ pipeline: platform.pipeline, ids: kit.ids }), (id) =>
    clientSecretOf(options.jwtSecret, id),
  );
  const tail = createLogTail(platform.store);
  app.addHook('onClose', async () => tail.close());
  feedRoutes(app, { store: platform.store, tail, writeDb: platform.writeDb, now });
  queryRoutes(app, {
    reader: platform.reader,
    readModels: platform.readModels,
    now,
    kept: platform.keptAnswers ?? keptAnswers(0),
  });
  analyticsCsvRoutes(app, { source: platform.analytics });
  auditRoutes(app, {
    log: platform.storedLog,
    store: platform.store,
    registry: platform.registry,
    reader: platform.reader,
    writeDb: platform.writeDb,
    now,
  });
  tokenRoute(app, {
    jwtSecret: options.jwtSecret,
    now,
    issued: (request, personId) =>
      recordIdentity(
        platform.writeDb,
        {
          event: 'token_issued',
          actor: actorOf(principalOf(request)),
          method: 'POST',
          route: '/auth/tokens',
          url: `/auth/tokens (for ${personId})`,
          status: 201,
          address: request.ip,
        },
        now(),
      ),
    personExists: async (id) =>
      (await platform.reader.get('SELECT 1 AS x FROM people WHERE person_id = ?', [id])) !== undefined,
  });

  await identityRoutes(app, {
    options: identity,
    ...(relyingParty ? { relyingParty } : {}),
    reader: platform.reader,
    writeDb: platform.writeDb,
    jwtSecret: options.jwtSecret,
    now,
  });
  webRoutes(app);
  metrics.gauge('prm_event_store_head_position', 'position of the last event in the log', () =>
    platform.store.headPosition(),
  );
  metrics.gauge('prm_projection_position', 'position every projection has reached', () => platform.runner.position());
  // The document does not describe itself.
  app.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
  healthRoutes(app, {
    health: () => platform.health.report(),
    headPosition: () => platform.store.headPosition(),
    projectionPosition: () => platform.runner.position(),
    ...(platform.running ? { running: platform.running } : {}),
    metrics: () => metrics.render(),
  });
  await app.ready();
  return app;
};
