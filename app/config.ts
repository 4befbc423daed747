import { resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_ANSWER_ROWS } from '../infra/sql/snapshotAnswers.js';
import { DEFAULT_KEPT_MB } from '../read-api/keptAnswers.js';
import { defaultRetryPolicy } from '../commands/webhook/delivery/retryPolicy.js';
import type { WebhookDeliverySettings } from '../commands/webhook/delivery/webhookDispatcher.js';
import type { EventStoreChoice } from './openEventStore.js';
import { OperatorError } from './operatorError.js';
import type { RelyingPartyOptions } from '../read-api/identity/identityOptions.js';

const portMessage = 'must be a port number from 0 to 65535';
const sweepMessage = 'must be a number of seconds from 0 to 86400';
const Port = z.coerce.number({ error: portMessage }).int(portMessage).min(0, portMessage).max(65535, portMessage);

/** Configuration from the environment, validated at start (a typo fails loudly, not silently). */
export const ConfigSchema = z.object({
  PRM_DATA_DIR: z.string().min(1).default('./data'),
  PORT: Port.default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  PRM_ADMIN_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
  PRM_JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  PRM_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Where the event log lives: the SQLite file (default), PostgreSQL or EventStoreDB. */
  PRM_EVENT_STORE: z.enum(['sqlite', 'postgres', 'esdb']).default('sqlite'),
  /** Connection string for postgres (postgres://…) or esdb (esdb://…). */
  PRM_EVENT_STORE_URL: z.string().min(1).optional(),
  /** Seconds between deal-expiry sweeps inside the server; 0 disables the sweeper. */
  PRM_SWEEP_SECONDS: z.coerce
    .number({ error: sweepMessage })
    .min(0, sweepMessage)
    .max(86_400, sweepMessage)
    .default(60),
  /** Cluster mode: everything in this PostgreSQL database, nothing in PRM_DATA_DIR (DESIGN §12). */
  PRM_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection string')
    .optional(),
  /** Connections each node keeps to PostgreSQL in cluster mode, besides its session connection. */
  PRM_DB_POOL_SIZE: z.coerce.number().int().min(2).max(200).default(10),
  /** This node's name in pg_stat_activity and the logs (default: host name and process id). */
  PRM_NODE_NAME: z.string().min(1).max(40).optional(),
  /** Webhook targets on private, loopback and link-local addresses (and plain http): development only. */
  PRM_WEBHOOKS_ALLOW_PRIVATE: z.enum(['true', 'false']).default('false'),
  /** The key webhook signing secrets derive from; generated into the data directory when unset. */
  PRM_WEBHOOK_SIGNING_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  PRM_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /** Projections on a thread of their own (README "Projections on a worker thread"), embedded store only. */
  PRM_PROJECTION_WORKER: z.enum(['true', 'false']).default('false'),
  /** Rows of read answers the embedded store keeps until the next commit (README "Reads"); 0 keeps none. */
  PRM_READ_CACHE_ROWS: z.coerce.number().int().min(0).max(10_000_000).default(DEFAULT_ANSWER_ROWS),
  /** Megabytes of whole answers (directory pages) kept until the next commit (README "Reads"); 0 keeps none. */
  PRM_READ_CACHE_MB: z.coerce.number().int().min(0).max(4096).default(DEFAULT_KEPT_MB),
  /** The retry schedule: first wait, longest wait, and when to give up (since the first failure). */
  PRM_WEBHOOK_FIRST_RETRY_MS: z.coerce.number().int().min(1).max(3_600_000).default(5_000),
  PRM_WEBHOOK_MAX_RETRY_DELAY_MS: z.coerce
    .number()
    .int()
    .min(1)
    .max(86_400_000)
    .default(6 * 3_600_000),
  PRM_WEBHOOK_GIVE_UP_AFTER_MS: z.coerce
    .number()
    .int()
    .min(1)
    .max(30 * 86_400_000)
    .default(72 * 3_600_000),
  /** Where browsers reach this server: sign-in links, redirect URIs, the issuer of /oidc. */
  PRM_PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  /** The vendor's OpenID Connect provider the console signs people in with (DESIGN §14). */
  PRM_OIDC_ISSUER: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  PRM_OIDC_CLIENT_ID: z.string().min(1).optional(),
  PRM_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** The audience API access tokens of that issuer must carry; default the client id. */
  PRM_OIDC_AUDIENCE: z.string().min(1).optional(),
  /** Sign-in links go out through this SMTP server (smtp:// or smtps://); the server log when unset. */
  PRM_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  PRM_MAIL_FROM: z.string().min(3).default('PRM <no-reply@prm.invalid>'),
  /** The console's "paste a token" form, for development only. */
  PRM_DEV_TOKEN_SIGNIN: z.enum(['true', 'false']).default('false'),
});
export type EnvConfig = z.infer<typeof ConfigSchema>;

export interface Config {
  readonly dataDir: string;
  readonly databaseFile: string;
  readonly port: number;
  readonly host: string;
  readonly adminKey?: string;
  readonly jwtSecret?: string;
  readonly logLevel: EnvConfig['PRM_LOG_LEVEL'];
  readonly sweepSeconds: number;
  readonly eventStore: EventStoreChoice;
  /** Cluster mode when set: the PostgreSQL database holding everything. */
  readonly databaseUrl?: string;
  readonly poolSize: number;
  readonly nodeName?: string;
  readonly readCacheRows: number;
  readonly readCacheMb: number;
  readonly projectionWorker: boolean;
  readonly webhookSigningKey?: string;
  readonly webhooks: Omit<WebhookDeliverySettings, 'signingKey'>;
  readonly identity: {
    readonly publicUrl: string;
    readonly relyingParty?: RelyingPartyOptions;
    readonly smtpUrl?: string;
    readonly mailFrom: string;
    readonly devTokenSignIn: boolean;
  };
}

export const loadConfig = (env: NodeJS.ProcessEnv = process.env): Config => {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    // One line naming each variable; secrets are never echoed.
    const problems = parsed.error.issues.map((i) => {
      const name = String(i.path[0]);
      const given = /KEY|SECRET|URL/.test(name) ? '' : ` (got ${JSON.stringify(env[name])})`;
      return `${name} ${i.message}${given}`;
    });
    throw new OperatorError(`invalid configuration: ${problems.join('; ')}`);
  }
  const c = parsed.data;
  if (c.PRM_EVENT_STORE !== 'sqlite' && !c.PRM_EVENT_STORE_URL)
    throw new OperatorError(
      `invalid configuration: PRM_EVENT_STORE_URL is required when PRM_EVENT_STORE is ${c.PRM_EVENT_STORE}`,
    );
  if (c.PRM_DATABASE_URL && c.PRM_EVENT_STORE !== 'sqlite')
    throw new OperatorError(
      'invalid configuration: PRM_DATABASE_URL puts the log in PostgreSQL too; unset PRM_EVENT_STORE',
    );
  if (c.PRM_OIDC_ISSUER && !c.PRM_OIDC_CLIENT_ID)
    throw new OperatorError('invalid configuration: PRM_OIDC_CLIENT_ID is required when PRM_OIDC_ISSUER is set');
  const dataDir = resolve(c.PRM_DATA_DIR);
  return {
    dataDir,
    databaseFile: resolve(dataDir, 'prm.db'),
    port: c.PORT,
    host: c.HOST,
    adminKey: c.PRM_ADMIN_KEY,
    jwtSecret: c.PRM_JWT_SECRET,
    logLevel: c.PRM_LOG_LEVEL,
    sweepSeconds: c.PRM_SWEEP_SECONDS,
    eventStore:
      c.PRM_EVENT_STORE === 'sqlite'
        ? { kind: 'sqlite' }
        : { kind: c.PRM_EVENT_STORE, url: c.PRM_EVENT_STORE_URL as string },
    ...(c.PRM_DATABASE_URL ? { databaseUrl: c.PRM_DATABASE_URL } : {}),
    poolSize: c.PRM_DB_POOL_SIZE,
    readCacheRows: c.PRM_READ_CACHE_ROWS,
    readCacheMb: c.PRM_READ_CACHE_MB,
    projectionWorker: c.PRM_PROJECTION_WORKER === 'true',
    ...(c.PRM_NODE_NAME ? { nodeName: c.PRM_NODE_NAME } : {}),
    webhookSigningKey: c.PRM_WEBHOOK_SIGNING_KEY,
    webhooks: {
      allowPrivate: c.PRM_WEBHOOKS_ALLOW_PRIVATE === 'true',
      timeoutMs: c.PRM_WEBHOOK_TIMEOUT_MS,
      retry: {
        ...defaultRetryPolicy,
        firstDelayMs: c.PRM_WEBHOOK_FIRST_RETRY_MS,
        maxDelayMs: c.PRM_WEBHOOK_MAX_RETRY_DELAY_MS,
        giveUpAfterMs: c.PRM_WEBHOOK_GIVE_UP_AFTER_MS,
      },
    },
    identity: {
      publicUrl: (c.PRM_PUBLIC_URL ?? `http://${c.HOST}:${c.PORT}`).replace(/\/+$/, ''),
      ...(c.PRM_OIDC_ISSUER && c.PRM_OIDC_CLIENT_ID
        ? {
            relyingParty: {
              issuer: c.PRM_OIDC_ISSUER,
              clientId: c.PRM_OIDC_CLIENT_ID,
              ...(c.PRM_OIDC_CLIENT_SECRET ? { clientSecret: c.PRM_OIDC_CLIENT_SECRET } : {}),
              ...(c.PRM_OIDC_AUDIENCE ? { audience: c.PRM_OIDC_AUDIENCE } : {}),
            },
          }
        : {}),
      ...(c.PRM_SMTP_URL ? { smtpUrl: c.PRM_SMTP_URL } : {}),
      mailFrom: c.PRM_MAIL_FROM,
      devTokenSignIn: c.PRM_DEV_TOKEN_SIGNIN === 'true',
    },
  };
};
