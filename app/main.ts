#!/usr/bin/env node
import { Command, InvalidArgumentError } from 'commander';
import { signToken } from '../http/jwt.js';
import { registerAuditCommands } from './cli/auditCommands.js';
import { registerImportCsvCommand } from './cli/importCsvCommand.js';
import { exitOnOperatorError, OperatorError } from './operatorError.js';
import { registerSqlCommand } from './cli/sqlCommand.js';
import { progressBar } from './progressBar.js';
import { rebuildWith } from './rebuildWith.js';
import { openRuntime } from './runtime.js';
import { registerSeedCommand } from './seed/seedCli.js';
import { serve } from './serve.js';
import { addSweepCommand, dealExpirySweeper, leadAcceptanceSweeper, pointsExpirySweeper } from './sweepers/index.js';

const positiveInt = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('must be a positive integer');
  return n;
};

const program = new Command();
program
  .name('prm')
  .description('Partner Relationship Management core: server and operator tools')
  // A mistyped option gets its one-line message and a hint, not the whole help; exit code 2 (below).
  .showHelpAfterError('(add --help for usage)')
  .exitOverride();

program.command('serve').description('run the HTTP server (PORT, HOST, PRM_DATA_DIR)').action(serve);

program
  .command('rebuild')
  .description('drop read models and replay the whole log into them')
  .option('--projection <name...>', 'only these projections')
  .option(
    '--batch-size <events>',
    'events per transaction (default 50000, read in pages of 1000; more is faster and holds the write lock longer)',
    positiveInt,
  )
  .option('--cache-mb <mb>', 'page cache of the read models during the rebuild (default 16; SQLite only)', positiveInt)
  .action(async (options: { projection?: string[]; batchSize?: number; cacheMb?: number }) => {
    const { platform } = await openRuntime({ startProjections: false });
    const bar = progressBar('rebuild');
    const started = Date.now();
    await rebuildWith(platform, options, bar.update, options.projection);
    bar.stop();
    const head = await platform.store.headPosition();
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`rebuilt ${options.projection?.join(', ') ?? 'all projections'}: ${head} events in ${seconds} s`);
    await platform.close();
  });

program
  .command('token')
  .description('print a bearer token for a person (sub = person id)')
  .argument('<personId>')
  .option('--ttl <seconds>', 'lifetime in seconds', positiveInt, 8 * 3600)
  .action(async (personId: string, options: { ttl: number }) => {
    const { jwtSecret, platform } = await openRuntime({ startProjections: false });
    const known = await platform.reader.get('SELECT 1 AS x FROM people WHERE person_id = ?', [personId]);
    await platform.close();
    if (!known) throw new OperatorError(`no person ${personId}`);
    const iat = Math.floor(Date.now() / 1000);
    console.log(signToken(jwtSecret.value, { sub: personId, iat, exp: iat + options.ttl }));
  });

addSweepCommand(
  program,
  'expire-deals',
  'record DealExpired for every deal whose protection lapsed (safe next to a running server)',
  dealExpirySweeper,
);
addSweepCommand(
  program,
  'expire-points',
  'expire points older than pointsExpiryMonths, oldest first (safe next to a running server)',
  pointsExpirySweeper,
);
addSweepCommand(
  program,
  'expire-leads',
  'lapse every lead nobody accepted within leadAcceptHours and route it on (safe next to a running server)',
  leadAcceptanceSweeper,
);
registerAuditCommands(program);
registerSeedCommand(program);
registerSqlCommand(program);
registerImportCsvCommand(program);

await program.parseAsync(process.argv).catch(exitOnOperatorError);
