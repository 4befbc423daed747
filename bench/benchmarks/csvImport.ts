import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importCsv } from '../../app/csvImport/importCsv.js';
import type { Benchmark } from '../harness/benchmark.js';
import { round } from '../harness/stats.js';
import { benchPlatform } from '../fixtures/benchPlatform.js';

/**
 * `prm import-csv people` as the CLI runs it (no projections in the importing process), on a
 * 50,000-row file: every row a registration through the command functions with its email reserved,
 * then the same file again (a re-run that appends nothing).
 */
export const csvImportBenchmark: Benchmark = {
  name: 'csvImport',
  title: 'CSV import of people',
  description:
    'prm import-csv people on a generated file (rows through the command functions, 32 at a time), then a re-run',
  run: async (ctx) => {
    const rows = ctx.options.quick ? 2_000 : 50_000;
    const dir = ctx.tempDir('csv-import');
    const file = join(dir, 'people.csv');
    const lines = ['name,email'];
    for (let i = 0; i < rows; i++) lines.push(`Person ${i},person${i}@legacy${i % 97}.example`);
    writeFileSync(file, `${lines.join('\n')}\n`);
    const platform = await benchPlatform(dir, { startProjections: false });
    try {
      const options = { kind: 'people' as const, file, dryRun: false, ...platform };
      const first = await importCsv(options);
      ctx.log(`csvImport: ${rows} rows in ${first.seconds} s (${first.created} created, ${first.refused} refused)`);
      const before = await platform.store.headPosition();
      const again = await importCsv(options);
      const appended = (await platform.store.headPosition()) - before;
      ctx.log(`csvImport: re-run in ${again.seconds} s (${again.created} created)`);
      return {
        figures: [
          {
            key: 'seconds',
            label: `${rows.toLocaleString('en')} people rows imported`,
            value: first.seconds,
            unit: 's',
            ...(ctx.options.quick ? {} : { target: { op: '<' as const, value: 120 } }),
          },
          { key: 'rowsPerSec', label: 'rows per second', value: round(rows / first.seconds, 0), unit: 'rows/s' },
          { key: 'rerunSeconds', label: 'the same file again (appends nothing)', value: again.seconds, unit: 's' },
          { key: 'rerunEvents', label: 'events the re-run appended', value: appended, unit: 'events' },
        ],
        details: { rows, accepted: first.accepted, refused: first.refused, rerunAccepted: again.accepted },
      };
    } finally {
      await platform.close();
    }
  },
};
