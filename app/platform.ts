import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { createCommandPipeline, type CommandPipeline } from '../commands/pipeline/index.js';
import { allPolicies, createPolicyRunner, type PolicyRunner } from '../commands/policies/index.js';
import type { WebhookDeliverySettings } from '../commands/webhook/delivery/webhookDispatcher.js';
import { eventDefinitions } from '../domain/index.js';
import type { Clock, IdGenerator } from '../domain/shared/index.js';
import {
  createEventRegistry,
  type EventRegistry,
  type EventStore,
  type StoredLog,
  type Upcaster,
} from '../eventstore/index.js';
import type { ImportOptions, ImportReport } from '../eventstore/exportImport/importLog.js';
import { openSqlite, type SqliteConnection } from '../eventstore/sqlite/openSqlite.js';
import { sqliteStorageProbe } from '../eventstore/sqlite/storageProbe.js';
import { createHealthRegistry, type HealthRegistry } from '../infra/health.js';
import { watchEventStore, watchSqlDb } from '../infra/watchHealth.js';
import type { AnalyticsSource } from '../infra/sql/analyticsSource.js';
import { sqliteAnalyticsSource } from '../infra/sql/sqliteAnalyticsSource.js';
import { openReadModelConnection, sqliteReader } from '../infra/sql/sqliteSqlDb.js';
import { cachedStatements } from '../infra/sql/cachedStatements.js';
import { migrateToLatest } from '../migrations/migrateToLatest.js';
import { dropAnalyticsViews, syncAnalyticsViews } from '../projections/analytics/syncAnalyticsViews.js';
import {
  allProjections,
  createProjectionRunner,
  sqliteSqlDb,
  type Database as ReadModels,
  type ProjectionRunner,
  type SqlDb,
  type TransactionalSqlDb,
} from '../projections/index.js';
import { openEventStore, type EventStoreChoice } from './openEventStore.js';
import { upcasters } from './upcasters.js';
import { createThreadGate } from '../eventstore/threadGate.js';
import { workerProjectionRunner } from './workerProjectionRunner.js';
import { webhookDelivery, type WebhookDelivery } from './webhookDelivery.js';
import { DEFAULT_KEPT_MB, keptAnswers, type KeptAnswer } from '../read-api/keptAnswers.js';

/**
 * Everything the server, the CLI and the benchmarks run on, whichever database holds it: one SQLite
 * file by default (Platform), or one PostgreSQL database shared by a cluster (clusterPlatform.ts).
 */
export interface AppPlatform extends WebhookDelivery {
  /** Which adapter holds the log. */
  readonly logKind: EventStoreChoice['kind'];
  readonly registry: EventRegistry;
  readonly store: EventStore;
  /** The log as auditors read it: stored rows, verify, export. */
  readonly storedLog: StoredLog;
  /** `prm import`: an export's lines into the log, verified, all or nothing (read models not rebuilt). */
  readonly importLog: (lines: AsyncIterable<string>, options?: ImportOptions) => Promise<ImportReport>;
  readonly pipeline: CommandPipeline;
  readonly runner: ProjectionRunner;
  /** Event -> command reactions (points for won deals and certifications), each with its own checkpoint. */
  readonly policies: PolicyRunner;
  /** Read-model writes: projections, policy checkpoints, idempotency records, the audit access log. */
  readonly writeDb: TransactionalSqlDb;
  /** Queries: never a half-applied projection batch. */
  readonly reader: SqlDb;
  readonly readModels: Kysely<ReadModels>;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** Read-only SQL for analysts (the analytics views): `prm sql`, `GET /analytics/<view>.csv`. */
  readonly analytics: AnalyticsSource;
  /** What is degraded right now (a full disk, a database gone) and why: `/health` answers from it. */
  readonly health: HealthRegistry;
  /** Whole answers kept between commits where the reader tells its version (read-api/keptAnswers.ts). */
  readonly keptAnswers?: KeptAnswer;
  /** Cluster mode: the followers this node runs now (it holds their lease); shown by /health. */
  readonly running?: () => readonly string[];
  readonly close: () => Promise<void>;
}

/** The embedded default: everything in one SQLite file. */
export interface Platform extends AppPlatform {
  /**
   * The file's first connection: migrations, and the log's appends when the log lives here
   * (synchronous=FULL, its alone).
   */
  readonly connection: SqliteConnection;
  /**
   * Read-model writes (projections, policy checkpoints, idempotency records, the audit access log) on a
   * connection of their own with synchronous=NORMAL, under the log's write lock.
   */
  readonly writeDb: TransactionalSqlDb;
  /** Queries on a separate read-only connection: WAL snapshots, never a half-applied batch. */
  readonly reader: SqlDb;
}

export interface PlatformOptions {
  readonly databaseFile: string;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly extraUpcasters?: readonly Upcaster[];
  /** Start projections (catch-up, then live); the CLI's rebuild and verify do not. */
  readonly startProjections?: boolean;
  /** Where the log lives; default the SQLite file itself. */
  readonly eventStore?: EventStoreChoice;
  /** Start the policies (default: when projections start). */
  readonly startPolicies?: boolean;
  /**
   * Checkpoint the WAL from a worker thread (default: when projections start, i.e. a long-running
   * server). One-shot commands (rebuild, verify) leave it to SQLite and spare the thread's memory.
   */
  readonly backgroundCheckpoints?: boolean;
  /**
   * Webhook settings; without a signing key one is drawn for this process (tests, benchmarks): secrets
   * then change with every start, so the server always passes the one kept in its data directory.
   */
  readonly webhooks?: Partial<WebhookDeliverySettings>;
  /** Deliver webhooks (default: when projections start, i.e. a long-running server). */
  readonly startWebhooks?: boolean;
  /**
   * Projections on a worker thread with a connection of their own (`PRM_PROJECTION_WORKER=true`): the
   * request thread decides and appends while the read models are written on another core. Not when the log
   * lives elsewhere (`eventStore`) or with `extraUpcasters` (functions a worker cannot receive): those keep
   * the runner in-thread.
   */
  readonly projectionWorker?: boolean;
  /** Rows of read answers kept between commits (`PRM_READ_CACHE_ROWS`, default 50,000; 0 keeps none). */
  readonly readCacheRows?: number;
  /** Megabytes of whole answers (directory pages) kept between commits (`PRM_READ_CACHE_MB`, default 16). */
  readonly readCacheMb?: number;
}

export const createPlatform = async (options: PlatformOptions): Promise<Platform> => {
  // The worker reads the log from the file: not when it lives elsewhere; nor with extra upcasters, functions
  // of the caller's that a worker thread could not run.
  const workerReadsLog = (options.eventStore?.kind ?? 'sqlite') === 'sqlite' && !options.extraUpcasters?.length;
  const writeGate = options.projectionWorker && workerReadsLog ? createThreadGate() : undefined;
  const backgroundCheckpoints = options.backgroundCheckpoints ?? options.startProjections !== false;
  const connection = openSqlite(options.databaseFile, { backgroundCheckpoints, writeGate });
  // Views over the read models step aside while migrations change tables, and follow their declarations.
  await migrateToLatest(new Kysely<unknown>({ dialect: new SqliteDialect({ database: connection.db }) }), {
    beforePending: () => dropAnalyticsViews(connection.db),
  });
  syncAnalyticsViews(connection.db);
  const registry = createEventRegistry(eventDefinitions, [...upcasters, ...(options.extraUpcasters ?? [])]);
  const readerDb = new Database(options.databaseFile, { readonly: true, fileMustExist: true });
  readerDb.pragma('busy_timeout = 10000');
  const snapshotDb = new Database(options.databaseFile, { readonly: true, fileMustExist: true });
  snapshotDb.pragma('busy_timeout = 10000');
  const log = await openEventStore(options.eventStore ?? { kind: 'sqlite' }, connection, {
    clock: options.clock,
    registry,
    reader: readerDb,
  });
  const health = createHealthRegistry();
  // Appends and read-model writes report trouble (disk full, database gone) to health, and recover.
  const logKind = options.eventStore?.kind ?? 'sqlite';
  const store = watchEventStore(log.store, health, logKind === 'sqlite' ? sqliteStorageProbe(connection) : undefined);
  const readModelConnection = openReadModelConnection(connection);
  const writeDb = sqliteSqlDb(readModelConnection);
  const reader = sqliteReader(readerDb, snapshotDb, options.readCacheRows);
  const readModels = new Kysely<ReadModels>({ dialect: new SqliteDialect({ database: cachedStatements(readerDb) }) });
  const runner = writeGate
    ? workerProjectionRunner(store, health, { file: options.databaseFile, writeGate, backgroundCheckpoints })
    : createProjectionRunner({
        store,
        db: watchSqlDb(writeDb, health, 'read-models'),
        projections: allProjections,
        now: options.clock.now,
      });
  const pipeline = createCommandPipeline({ store, clock: options.clock, schemaVersionOf: registry.currentVersion });
  if (options.startProjections !== false) await runner.start();
  const policies = createPolicyRunner({ store, pipeline, db: writeDb, policies: allPolicies, now: options.clock.now });
  if (options.startPolicies ?? options.startProjections !== false) await policies.start();
  const { webhookSettings, webhooks } = webhookDelivery({
    store,
    db: writeDb,
    pipeline,
    ids: options.ids,
    settings: options.webhooks,
  });
  if (options.startWebhooks ?? options.startProjections !== false) await webhooks.start();
  return {
    connection,
    logKind,
    registry,
    store,
    storedLog: log.storedLog,
    importLog: log.importLog,
    pipeline,
    runner,
    policies,
    writeDb,
    reader,
    readModels,
    keptAnswers: keptAnswers((options.readCacheMb ?? DEFAULT_KEPT_MB) * 1024 * 1024),
    analytics: sqliteAnalyticsSource(options.databaseFile),
    clock: options.clock,
    ids: options.ids,
    webhookSettings,
    webhooks,
    health,
    close: async () => {
      await webhooks.stop();
      health.stop();
      await policies.stop();
      await runner.stop();
      await store.close();
      await log.close();
      readerDb.close();
      snapshotDb.close();
      await readModelConnection.close();
      await connection.close();
    },
  };
};
