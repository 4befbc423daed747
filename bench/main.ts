/**
 * `npm run bench [-- --json] [-- --quick] [-- --events N] [-- --only a,b]`: measures the figures of
 * DESIGN §9 and of issues 5 and 6 in one run and prints a table (or one JSON document). Never run by
 * the tests for speed.
 */
import { benchmarks } from './benchmarks/index.js';
import { machine } from './harness/machine.js';
import { parseOptions, usage } from './harness/options.js';
import { toJson, toTable } from './harness/report.js';
import { runBenchmarks, selectBenchmarks } from './harness/runBenchmarks.js';

const main = async () => {
  const options = parseOptions(process.argv.slice(2));
  if (options === 'help') {
    console.log(usage);
    return;
  }
  const selected = selectBenchmarks(benchmarks, options.only);
  const startedAt = new Date();
  const about = machine();
  const runs = await runBenchmarks(selected, options);
  const report = {
    machine: about,
    settings: { ...options, benchmarks: selected.map((b) => b.name) },
    startedAt: startedAt.toISOString(),
    seconds: (Date.now() - startedAt.getTime()) / 1000,
    runs,
  };
  if (options.json) process.stdout.write(`${JSON.stringify(toJson(report), null, 2)}\n`);
  else console.log(toTable(report));
};

main().then(
  // Pools and timers of the benchmarked platforms must not keep a finished run alive.
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
