import { mkdirSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import { manualClock } from '../../domain/shared/clock.js';
import { IsoDate } from '../../domain/shared/index.js';
import { loadConfig } from '../config.js';
import { inDataDir, OperatorError } from '../operatorError.js';
import { timeOrderedIds } from '../timeOrderedIds.js';
import { createPlatform } from '../platform.js';
import { progressBar } from '../progressBar.js';
import { loadOrCreateSecret } from '../secrets.js';
import { seedChannel, type SeedProgress } from './seedChannel.js';

const positiveInt = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0 || n > 100_000)
    throw new InvalidArgumentError('must be an integer from 1 to 100000');
  return n;
};
const seedNumber = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 2 ** 32 - 1)
    throw new InvalidArgumentError('must be an integer from 0 to 4294967295');
  return n;
};
const date = (value: string) => {
  if (!IsoDate.safeParse(value).success) throw new InvalidArgumentError('must be a date YYYY-MM-DD');
  return value;
};

/** `prm seed --partners N [--seed S] [--until YYYY-MM-DD]` into the data directory's (empty) store. */
export const registerSeedCommand = (program: Command) =>
  program
    .command('seed')
    .description(
      'build a realistic synthetic channel through the command layer: ' +
        'two simulated years up to --until (deterministic for --seed and --until)',
    )
    .option('--partners <n>', 'number of partners', positiveInt, 100)
    .option('--seed <s>', 'seed of the pseudo-random generator', seedNumber, 1)
    .option('--until <date>', 'last simulated day, YYYY-MM-DD (default: today, UTC)', date)
    .action(async (options: { partners: number; seed: number; until?: string }) => {
      const config = loadConfig();
      const until = options.until ?? new Date().toISOString().slice(0, 10);
      const clock = manualClock(`${until}T00:00:00.000Z`);
      const { adminKey, platform } = await inDataDir(config.dataDir, async () => {
        mkdirSync(config.dataDir, { recursive: true });
        const key = loadOrCreateSecret(config.dataDir, 'admin.key', config.adminKey);
        loadOrCreateSecret(config.dataDir, 'jwt.secret', config.jwtSecret);
        const opened = await createPlatform({
          databaseFile: config.databaseFile,
          clock,
          ids: timeOrderedIds(),
          startProjections: false,
          startPolicies: false,
          backgroundCheckpoints: true,
        });
        return { adminKey: key, platform: opened };
      });
      if ((await platform.store.headPosition()) > 0) {
        await platform.close();
        throw new OperatorError(
          `the store at ${config.databaseFile} already holds events: ` +
            'seed into an empty data directory (PRM_DATA_DIR)',
        );
      }
      // One bar per phase, each made when its phase starts (its rate counts from there).
      let phase: SeedProgress['phase'] = 'commands';
      let bar = progressBar('seed: simulated days');
      const report = await seedChannel(
        platform,
        clock,
        { partners: options.partners, seed: options.seed, until, bulk: true },
        (p) => {
          if (p.phase !== phase) {
            bar.stop();
            bar = progressBar('seed: read models ');
            phase = p.phase;
          }
          bar.update(p.done, p.total);
        },
      );
      bar.stop();
      await platform.close();
      const s = report.seconds;
      console.log(
        `seeded ${report.partners} partners, ${report.people} people, ` +
          `${report.deals} deal registrations (${report.conflicts} channel conflicts), ${report.leads} vendor leads`,
      );
      const total = (s.commands + s.projections).toFixed(1);
      const eventsPerSecond = Math.round(report.events / Math.max(0.1, s.commands));
      console.log(
        `${report.events} events from ${report.from} to ${report.until} in ${total} s ` +
          `(commands ${s.commands} s, ${eventsPerSecond} events/s; read models ${s.projections} s)`,
      );
      console.log(`store: ${config.databaseFile}`);
      const [manager] = Object.values(report.channelManagers).flat();
      // Every command below names the data directory it seeded: without it they would open ./data.
      const env = `PRM_DATA_DIR=${config.dataDir}`;
      const keyWhere = adminKey.created ? `generated: ${adminKey.value}` : `${config.dataDir}/admin.key`;
      console.log(
        `\nSign in to the console (${env} npm start, then http://${config.host}:${config.port}/) with the admin key` +
          ` (${keyWhere}), or a person's token:`,
      );
      console.log(`  ${env} npm run prm -- token ${report.vendorAdminId}   # the vendor admin`);
      if (manager) console.log(`  ${env} npm run prm -- token ${manager}   # a regional channel manager`);
    });
