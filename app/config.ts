import { resolve } from 'node:path';
import { z } from 'zod';
import type { EventStoreChoice } from './openEventStore.js';
import { OperatorError } from './operatorError.js';

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
  };
};
