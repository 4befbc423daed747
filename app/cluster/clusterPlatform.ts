import { Kysely, PostgresDialect } from 'kysely';
import type { Pool } from 'pg';
import { createCommandPipeline } from '../../commands/pipeline/index.js';
import { eventDefinitions } from '../../domain/index.js';
import type { Clock, IdGenerator } from '../../domain/shared/index.js';
import { createEventRegistry, type Upcaster } from '../../eventstore/index.js';
import { createPostgresEventStore } from '../../eventstore/postgres/createPostgresEventStore.js';
import { isPostgresUnavailable } from '../../eventstore/postgres/unavailable.js';
import { importNdjsonPostgres } from '../../eventstore/postgres/importPostgresLog.js';
import { postgresStoredLog } from '../../eventstore/postgres/postgresStoredLog.js';
import { APPENDED_CHANNEL, withClusterWakeUps } from '../../infra/cluster/clusterWakeUps.js';
import { createPgSession, type PgSession } from '../../infra/cluster/pgSession.js';
import { createHealthRegistry } from '../../infra/health.js';
import { postgresAnalyticsSource } from '../../infra/sql/postgresAnalyticsSource.js';
import { sqliteSemantics } from '../../infra/sql/postgresKysely.js';
import { openPostgresPool } from '../../infra/sql/postgresPool.js';
import { postgresSqlDb } from '../../infra/sql/postgresSqlDb.js';
import { watchEventStore, watchSqlDb } from '../../infra/watchHealth.js';
import { migrateToLatest } from '../../migrations/migrateToLatest.js';
import { syncPostgresAnalyticsViews } from '../../projections/analytics/postgresAnalyticsViews.js';
import type { Database as ReadModels } from '../../projections/index.js';
import type { WebhookDeliverySettings } from '../../commands/webhook/delivery/webhookDispatcher.js';
import type { AppPlatform } from '../platform.js';
import { upcasters } from '../upcasters.js';
import { clusterPolicies, clusterProjections } from './clusterFollowers.js';
import { clusterWebhooks } from './clusterWebhooks.js';
import { messageOf } from '../../infra/messageOf.js';

export interface ClusterPlatformOptions {
  /** `postgres://…`: the database holding the log, the read models and every other state. */
  readonly url: string;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly extraUpcasters?: readonly Upcaster[];
  /** Compete for the projections' lease and follow the cluster's positions; the CLI's one-shot commands do not. */
  readonly startProjections?: boolean;
  /** Compete for the policies' lease (default: when projections start). */
  readonly startPolicies?: boolean;
  /** Connections in this node's pool (default 10), besides its one session connection. */
  readonly poolSize?: number;
  /** This node's name in pg_stat_activity. */
  readonly nodeName?: string;
  /** How often a node without a lease tries to take it (default 1000 ms): the takeover delay. */
  readonly leaseRetryMs?: number;
  /** Fallback polls of positions and appends, when notifications were missed (default 1000 ms). */
  readonly pollMs?: number;
  /** Webhook settings; without a signing key the cluster's own (platform_secrets `webhook.key`). */
  readonly webhooks?: Partial<WebhookDeliverySettings>;
  /** Compete for the webhooks' lease and deliver while holding it (default: when projections start). */
  readonly startWebhooks?: boolean;
}

/** A node of a cluster: what a platform is, plus its pool and session for the cluster's own tools. */
export interface ClusterPlatform extends AppPlatform {
  readonly pool: Pool;
  readonly session: PgSession;
  /** The followers this node runs now (it holds their lease): `projections`, `policies`, `webhooks`. */
  readonly running: () => readonly string[];
}

/**
 * Cluster mode (DESIGN §12): the log, the read models, checkpoints, idempotency records, the audit
 * access log and the secrets all in one PostgreSQL database; this process keeps no state of its own.
 * Migrations run once per database (kysely's migrator holds an advisory lock); projections and
 * policies run on whichever node holds their lease, woken by NOTIFY on every append.
 */
export const createClusterPlatform = async (options: ClusterPlatformOptions): Promise<ClusterPlatform> => {
  const applicationName = `prm ${options.nodeName ?? process.pid}`.slice(0, 63);
  const health = createHealthRegistry();
  // Set once the session exists; until then a probe only asks the pool.
  let sessionUp = () => true;
  const reachable = async () => {
    await pool.query('SELECT 1');
    if (!sessionUp()) throw new Error('the session connection is down');
  };
  /** A connection lost or refused degrades `database` until a probe reaches it again. */
  const noteUnavailable = (error: unknown) => {
    if (isPostgresUnavailable(error))
      health.degrade('database', { code: 'database_unavailable', detail: messageOf(error) }, reachable);
  };
  const pool = openPostgresPool(options.url, { max: options.poolSize, applicationName, onError: noteUnavailable });
  try {
    const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
    // The analytics views step aside while the read models change under them, then follow the declarations.
    await migrateToLatest(db, {
      dialect: 'postgres',
      beforePending: () => pool.query('DROP SCHEMA IF EXISTS analytics CASCADE').then(() => undefined),
    });
    const client = await pool.connect();
    await syncPostgresAnalyticsViews(client).finally(() => client.release());
  } catch (error) {
    await pool.end();
    throw error;
  }
  const registry = createEventRegistry(eventDefinitions, [...upcasters, ...(options.extraUpcasters ?? [])]);
  const log = createPostgresEventStore(pool, {
    clock: options.clock,
    validate: registry.validate,
    upcast: registry.upcast,
    notifyChannel: APPENDED_CHANNEL,
  });
  const session = createPgSession(options.url, { applicationName, onError: noteUnavailable });
  sessionUp = () => session.connected();
  const store = watchEventStore(withClusterWakeUps(log, session), health, reachable);
  const db = watchSqlDb(postgresSqlDb(pool), health, 'read-models', reachable);
  const readModels = new Kysely<ReadModels>({ dialect: new PostgresDialect({ pool }), plugins: [sqliteSemantics] });
  const deps = {
    store,
    session,
    db,
    clock: options.clock,
    leaseRetryMs: options.leaseRetryMs,
    pollMs: options.pollMs,
    onError: noteUnavailable,
  };
  const projections = clusterProjections(deps);
  const pipeline = createCommandPipeline({ store, clock: options.clock, schemaVersionOf: registry.currentVersion });
  const policies = clusterPolicies({ ...deps, pipeline });
  const startProjections = options.startProjections !== false;
  const startPolicies = options.startPolicies ?? startProjections;
  if (startProjections) await projections.runner.start();
  if (startPolicies) await policies.policies.start();
  // One node delivers webhooks, under its lease.
  const delivery = await clusterWebhooks({
    store,
    db,
    session,
    pipeline,
    ids: options.ids,
    settings: options.webhooks,
    leaseRetryMs: options.leaseRetryMs,
    onError: noteUnavailable,
  });
  const startWebhooks = options.startWebhooks ?? startProjections;
  if (startWebhooks) await delivery.webhooks.start();

  return {
    pool,
    session,
    logKind: 'postgres',
    registry,
    store,
    storedLog: postgresStoredLog(pool),
    importLog: (lines, importOptions) => importNdjsonPostgres(pool, lines, importOptions),
    pipeline,
    runner: projections.runner,
    policies: policies.policies,
    writeDb: db,
    reader: db,
    readModels,
    clock: options.clock,
    ids: options.ids,
    analytics: postgresAnalyticsSource(pool),
    health,
    webhookSettings: delivery.webhookSettings,
    webhooks: delivery.webhooks,
    running: () => [
      ...(projections.holds() ? ['projections'] : []),
      ...(policies.holds() ? ['policies'] : []),
      ...(delivery.holds() ? ['webhooks'] : []),
    ],
    close: async () => {
      health.stop();
      await delivery.webhooks.stop();
      if (startPolicies) await policies.policies.stop();
      if (startProjections) await projections.runner.stop();
      await store.close();
      await session.close();
      await pool.end();
    },
  };
};
