import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { importCsv } from '../csvImport/importCsv.js';
import type { ImportKindName } from '../csvImport/importKinds.js';
import { progressBar } from '../progressBar.js';
import { openRuntime } from '../runtime.js';

const KINDS: readonly ImportKindName[] = ['partners', 'people', 'employees'];

/** `prm import-csv partners|people|employees <file> [--dry-run]`: exit 0 only when every row was accepted. */
export const registerImportCsvCommand = (program: Command) =>
  program
    .command('import-csv')
    .description('import partners, people or employees from a CSV file (headers named as the command bodies)')
    .argument('<kind>', KINDS.join('|'))
    .argument('<file>', 'CSV file with a header row')
    .option('--dry-run', 'check every row without importing anything', false)
    .action(async (kind: string, file: string, options: { dryRun: boolean }) => {
      if (!KINDS.includes(kind as ImportKindName)) program.error(`kind must be one of ${KINDS.join(', ')}`);
      const path = resolve(file);
      if (!existsSync(path)) program.error(`no file ${path}`);
      const { platform } = await openRuntime({ startProjections: false });
      const bar = progressBar(options.dryRun ? 'check' : 'import');
      try {
        const summary = await importCsv({
          kind: kind as ImportKindName,
          file: path,
          dryRun: options.dryRun,
          store: platform.store,
          pipeline: platform.pipeline,
          ids: platform.ids,
          onProgress: bar.update,
        });
        bar.stop();
        const verb = options.dryRun ? 'would be accepted' : `accepted (${summary.created} new)`;
        const counts = `${summary.rows} rows, ${summary.accepted} ${verb}, ${summary.refused} refused`;
        console.log(`${summary.kind}: ${counts} in ${summary.seconds} s`);
        console.log(`summary: ${summary.summaryFile}\nerrors:  ${summary.errorsFile}`);
        if (summary.accepted !== summary.rows) process.exitCode = 1;
      } catch (error) {
        bar.stop();
        console.error(error instanceof Error ? error.message : error);
        process.exitCode = 2;
      } finally {
        await platform.close();
      }
    });
