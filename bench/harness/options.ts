import { tmpdir } from 'node:os';
import type { BenchOptions } from './benchmark.js';

export const usage = `npm run bench [-- options]
  --json          print one JSON document on stdout (progress goes to stderr)
  --quick         small sizes: a smoke run of under a minute, figures meaningless
  --events N      size of the generated store for rebuild and read queries (default 200000; DESIGN §9 targets 1000000)
  --only a,b      run only these benchmarks (and those they need)
  --dir PATH      where temporary SQLite files go (default the OS temp dir; must not be tmpfs)
  --help`;

const positiveInt = (flag: string, value: string | undefined): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${flag} needs a positive integer, got ${value ?? 'nothing'}`);
  return n;
};

/** Parses the command line; throws with a message naming the bad flag. */
export const parseOptions = (argv: readonly string[]): BenchOptions | 'help' => {
  let quick = false;
  let json = false;
  let events: number | undefined;
  let only: string[] | undefined;
  let dir = tmpdir();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, undefined];
    const value = () => inline ?? argv[++i];
    if (flag === '--quick') quick = true;
    else if (flag === '--json') json = true;
    else if (flag === '--events') events = positiveInt(flag, value());
    else if (flag === '--only')
      only = (value() ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    else if (flag === '--dir') dir = value() ?? dir;
    else if (flag === '--help' || flag === '-h') return 'help';
    else throw new Error(`unknown option ${arg}\n${usage}`);
  }
  return { quick, json, events: events ?? (quick ? 3000 : 200_000), only, dir };
};
