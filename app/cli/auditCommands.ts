import { existsSync, createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { InvalidArgumentError, type Command } from 'commander';
import { ImportRefused } from '../../eventstore/exportImport/importLog.js';
import { exportSqliteFile } from '../../eventstore/sqlite/exportSqliteFile.js';
import { verifySqliteFile } from '../../eventstore/sqlite/verifySqliteFile.js';
import type { Anchor } from '../../eventstore/verifyReport.js';
import { AsOfParam } from '../../read-api/audit/asOf.js';
import { stateAsOf } from '../../read-api/audit/stateAsOf.js';
import { replayableAggregates } from '../../read-api/audit/aggregateRegistry.js';
import { loadConfig } from '../config.js';
import { OperatorError } from '../operatorError.js';
import { progressBar } from '../progressBar.js';
import { openRuntime } from '../runtime.js';
import { importLogFile } from './importLogFile.js';

const nonNegativeInt = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('must be an integer >= 0');
  return n;
};

const anchorOf = (value: string): Anchor => {
  const m = /^(\d{1,15}):([0-9a-f]{64})$/.exec(value);
  if (!m || Number(m[1]) < 1)
    throw new InvalidArgumentError('must be <position>:<64 hex digits hash>, as printed by an earlier verify');
  return { position: Number(m[1]), hash: m[2] };
};

const asOfOf = (value: string) => {
  const parsed = AsOfParam.safeParse(value);
  if (!parsed.success) throw new InvalidArgumentError(parsed.error.issues[0]?.message ?? 'invalid');
  return parsed.data;
};

/** The store file of this environment; commands that only read never create one. */
const existingStore = () => {
  const { databaseFile, eventStore } = loadConfig();
  if (eventStore.kind !== 'sqlite')
    throw new OperatorError(`this command reads the SQLite log; PRM_EVENT_STORE is ${eventStore.kind}`);
  if (!existsSync(databaseFile)) throw new OperatorError(`no store at ${databaseFile} (PRM_DATA_DIR)`);
  return databaseFile;
};

/** `prm verify | replay | export | import`: the auditor's tools (DESIGN §7). */
export const registerAuditCommands = (program: Command) => {
  program
    .command('verify')
    .description(
      'walk the hash chain and stream versions; ' +
        'name the first position modified, deleted, inserted or reordered (exit 1)',
    )
    .option(
      '--anchor <position:hash>',
      'a position and hash recorded earlier: also detects a truncated or rewritten chain',
      anchorOf,
    )
    .option('--json', 'print the report as JSON')
    .action(async (options: { anchor?: Anchor; json?: boolean }) => {
      const file = existingStore();
      const bar = progressBar('verify');
      const report = await verifySqliteFile(file, { anchor: options.anchor, onProgress: bar.update });
      bar.stop();
      if (options.json) console.log(JSON.stringify(report, null, 2));
      else if (report.ok) {
        console.log(`ok: ${report.checkedEvents} events, hash chain and stream versions intact`);
        console.log(`head ${report.headPosition}:${report.headHash}`);
        console.log(
          '(keep this line elsewhere; `prm verify --anchor <it>` later also proves nothing was cut off or rewritten)',
        );
      } else if (report.problem) {
        const p = report.problem;
        console.log(`TAMPERED: ${p.kind} at position ${p.position}${p.streamId ? ` (stream ${p.streamId})` : ''}`);
        console.log(p.detail);
      }
      process.exitCode = report.ok ? 0 : 1;
    });

  program
    .command('replay')
    .description("an aggregate's state as of a position or instant, folded by its own evolve (default: now)")
    .argument(
      '<streamId>',
      `a stream id, e.g. partner-ptr_…; prefixes: ${replayableAggregates.map((a) => a.streamPrefix).join(', ')}`,
    )
    .option('--as-of <position|instant>', 'a log position (integer) or an ISO-8601 UTC instant', asOfOf)
    .action(async (streamId: string, options: { asOf?: ReturnType<typeof asOfOf> }) => {
      const { platform } = await openRuntime({ startProjections: false });
      try {
        const outcome = await stateAsOf(platform.store, streamId, options.asOf);
        if ('error' in outcome)
          throw new OperatorError(
            outcome.error === 'no_stream' ? `no stream ${streamId}` : `no aggregate replays stream ${streamId}`,
          );
        else console.log(JSON.stringify(outcome.state, null, 2));
      } finally {
        await platform.close();
      }
    });

  program
    .command('export')
    .description('write the stored log as NDJSON (one envelope per line, hashes included), from one snapshot')
    .option('--after <position>', 'only events after this position (an incremental export)', nonNegativeInt)
    .option('--to <file>', 'write to this file instead of stdout')
    .action(async (options: { after?: number; to?: string }) => {
      const file = existingStore();
      const after = options.after ?? 0;
      let total = 0;
      const bar = progressBar('export');
      const exported = await exportSqliteFile(file, { after, onProgress: (p) => bar.update(p - after, total) });
      total = Math.max(0, exported.head.position - after);
      await pipeline(Readable.from(exported.lines), options.to ? createWriteStream(options.to) : process.stdout);
      bar.stop();
      const { head } = exported;
      console.error(
        `exported ${total} events (positions ${after + 1}..${head.position}), head ${head.position}:${head.hash}`,
      );
    });

  program
    .command('import')
    .description(
      'load an NDJSON export into an empty store (or one it continues): ' +
        'same positions and hashes, verified, all or nothing; then rebuild read models',
    )
    .argument('<file>')
    .action(async (file: string) => {
      if (!existsSync(file)) throw new OperatorError(`no file ${file}`);
      const { platform } = await openRuntime({ startProjections: false });
      if (platform.logKind !== 'sqlite') {
        await platform.close();
        throw new OperatorError(`import writes the SQLite log; PRM_EVENT_STORE is ${platform.logKind}`);
      }
      const bar = progressBar('import');
      try {
        const report = await importLogFile(platform, file, { imported: (n) => bar.update(n, n), rebuilt: bar.update });
        bar.stop();
        const { head } = report;
        console.log(
          `imported ${report.imported} events (positions ${report.first}..${head.position}), ` +
            `head ${head.position}:${head.hash}; read models rebuilt`,
        );
      } catch (error) {
        bar.stop();
        if (!(error instanceof ImportRefused)) throw error;
        console.error(`import refused, nothing written: ${error.message}`);
        process.exitCode = 1;
      } finally {
        await platform.close();
      }
    });
};
