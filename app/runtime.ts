import { hostname } from 'node:os';
import { systemClock } from '../domain/shared/clock.js';
import { createClusterPlatform } from './cluster/clusterPlatform.js';
import { loadConfig, type Config } from './config.js';
import { timeOrderedIds } from './timeOrderedIds.js';
import { inDataDir } from './operatorError.js';
import { createPlatform, type AppPlatform } from './platform.js';
import { loadOrCreateSecret, loadOrCreateSharedSecret } from './secrets.js';

/**
 * Config, secrets and platform for the CLI and the server, from the environment: the SQLite file in
 * PRM_DATA_DIR by default; with PRM_DATABASE_URL, a node of a cluster with everything in PostgreSQL
 * (the secrets too, so every node shares them) and no file at all.
 */
export const openRuntime = async (options: { startProjections?: boolean } = {}) => {
  const config: Config = loadConfig();
  if (config.databaseUrl) {
    const platform: AppPlatform = await createClusterPlatform({
      url: config.databaseUrl,
      clock: systemClock,
      ids: timeOrderedIds(),
      startProjections: options.startProjections,
      poolSize: config.poolSize,
      nodeName: config.nodeName ?? `${hostname()}:${process.pid}`,
      webhooks: { ...config.webhooks, ...(config.webhookSigningKey ? { signingKey: config.webhookSigningKey } : {}) },
    });
    const adminKey = await loadOrCreateSharedSecret(platform.writeDb, 'admin.key', config.adminKey);
    const jwtSecret = await loadOrCreateSharedSecret(platform.writeDb, 'jwt.secret', config.jwtSecret);
    return { config, adminKey, jwtSecret, platform };
  }
  // A data directory that cannot be written or a file that is no database: one line naming PRM_DATA_DIR.
  return inDataDir(config.dataDir, async () => {
    const adminKey = loadOrCreateSecret(config.dataDir, 'admin.key', config.adminKey);
    const jwtSecret = loadOrCreateSecret(config.dataDir, 'jwt.secret', config.jwtSecret);
    const webhookKey = loadOrCreateSecret(config.dataDir, 'webhook.key', config.webhookSigningKey);
    const platform: AppPlatform = await createPlatform({
      databaseFile: config.databaseFile,
      clock: systemClock,
      ids: timeOrderedIds(),
      startProjections: options.startProjections,
      eventStore: config.eventStore,
      webhooks: { ...config.webhooks, signingKey: webhookKey.value },
      readCacheRows: config.readCacheRows,
      readCacheMb: config.readCacheMb,
      // One-shot commands (rebuild, verify) keep the runner in-thread: --cache-mb tunes its connection.
      projectionWorker: config.projectionWorker && options.startProjections !== false,
    });
    return { config, adminKey, jwtSecret, platform };
  });
};
