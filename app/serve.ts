import { smtpMailer } from '../infra/mail/smtpMailer.js';
import { buildApp } from './buildApp.js';
import { OperatorError } from './operatorError.js';
import { openRuntime } from './runtime.js';
import { createSweepRunner, serverSweepers } from './sweepers/index.js';

/** Why the server could not listen, in one line naming PORT or HOST; anything else as it is. */
const listenError = (error: unknown, port: number, host: string) => {
  const code = (error as { code?: unknown }).code;
  if (code === 'EADDRINUSE') return new OperatorError(`port ${port} on ${host} is already in use (PORT)`);
  if (code === 'EACCES') return new OperatorError(`not allowed to listen on port ${port} (PORT)`);
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND')
    return new OperatorError(`cannot listen on ${host}: not an address of this machine (HOST)`);
  return error;
};

/** A connection string without its password, for the start-up line. */
const redacted = (url: string) => url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');

/** `prm serve`: the HTTP server, on the embedded SQLite default or as a node of a cluster (PRM_DATABASE_URL). */
export const serve = async () => {
  const { config, adminKey, jwtSecret, platform } = await openRuntime();
  const { smtpUrl, mailFrom, ...identity } = config.identity;
  const mailer = smtpUrl ? smtpMailer(smtpUrl, mailFrom) : undefined;
  const app = await buildApp(platform, {
    adminKey: adminKey.value,
    jwtSecret: jwtSecret.value,
    logLevel: config.logLevel,
    identity: { ...identity, ...(mailer ? { mailer } : {}) },
  });
  const address = await app.listen({ port: config.port, host: config.host }).catch(async (error: unknown) => {
    await app.close();
    await platform.close();
    throw listenError(error, config.port, config.host);
  });
  const where = config.databaseUrl ? `database: ${redacted(config.databaseUrl)}` : `data: ${config.databaseFile}`;
  console.log(`PRM core listening on ${address}  (${where})`);
  console.log(`API docs: ${address}/docs`);
  if (adminKey.created) {
    const stored = config.databaseUrl ? 'the database, table platform_secrets' : `${config.dataDir}/admin.key`;
    console.log(`\nGenerated admin key (shown once; stored in ${stored}):\n\n  ${adminKey.value}\n`);
  }
  // Time-driven events (lapsed deal protection, ...) every PRM_SWEEP_SECONDS; 0 turns them off.
  const sweeps = createSweepRunner({
    sweepers: serverSweepers(platform),
    intervalSeconds: config.sweepSeconds,
    clock: platform.clock,
    onReport: (name, r) => {
      if (r.changed > 0 || (r.failed ?? 0) > 0) app.log.info({ sweeper: name, ...r }, 'sweep');
    },
    onError: (name, error) => app.log.error({ sweeper: name, err: error }, 'sweep failed'),
  });
  sweeps.start();
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping`);
    await sweeps.stop();
    await app.close();
    mailer?.close();
    await platform.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
};
