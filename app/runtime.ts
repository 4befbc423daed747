import { systemClock } from '../domain/shared/clock.js';
import { loadConfig, type Config } from './config.js';
import { nanoidGenerator } from './nanoidGenerator.js';
import { inDataDir } from './operatorError.js';
import { createPlatform, type Platform } from './platform.js';
import { loadOrCreateSecret } from './secrets.js';

/** Config, secrets and platform for the CLI and the server, from the environment. */
export const openRuntime = async (options: { startProjections?: boolean } = {}) => {
  const config: Config = loadConfig();
  // A data directory that cannot be written or a file that is no database: one line naming PRM_DATA_DIR.
  return inDataDir(config.dataDir, async () => {
    const adminKey = loadOrCreateSecret(config.dataDir, 'admin.key', config.adminKey);
    const jwtSecret = loadOrCreateSecret(config.dataDir, 'jwt.secret', config.jwtSecret);
    const platform: Platform = await createPlatform({
      databaseFile: config.databaseFile,
      clock: systemClock,
      ids: nanoidGenerator,
      startProjections: options.startProjections,
      eventStore: config.eventStore,
    });
    return { config, adminKey, jwtSecret, platform };
  });
};
