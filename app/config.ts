import { resolve } from 'node:path';
import { z } from 'zod';

const Port = z.coerce.number().int().min(0).max(65535);

/** Configuration from the environment, validated at start (a typo fails loudly, not silently). */
export const ConfigSchema = z.object({
  PRM_DATA_DIR: z.string().min(1).default('./data'),
  PORT: Port.default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  PRM_ADMIN_KEY: z.string().min(16, 'PRM_ADMIN_KEY must be at least 16 characters').optional(),
  PRM_JWT_SECRET: z.string().min(32, 'PRM_JWT_SECRET must be at least 32 characters').optional(),
  PRM_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Seconds between deal-expiry sweeps inside the server; 0 disables the sweeper. */
  PRM_SWEEP_SECONDS: z.coerce.number().min(0).max(86_400).default(60),
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
}

export const loadConfig = (env: NodeJS.ProcessEnv = process.env): Config => {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`invalid configuration:\n${lines}`);
  }
  const c = parsed.data;
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
  };
};
