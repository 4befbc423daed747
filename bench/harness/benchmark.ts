/**
 * The bench harness's vocabulary: a benchmark is one file in bench/benchmarks/ that measures and
 * returns figures; the harness runs the selected ones in order and reports every figure.
 */

/** A goal from DESIGN §9: the figure must be at least / at most this value. */
export interface Target {
  readonly op: '>=' | '<';
  readonly value: number;
}

export interface Figure {
  /** Stable key within its benchmark, e.g. `eventsPerSec`; the JSON id is `<benchmark>.<key>`. */
  readonly key: string;
  readonly label: string;
  readonly value: number;
  readonly unit: string;
  readonly target?: Target;
}

export interface BenchResult {
  readonly figures: readonly Figure[];
  /** Settings and context worth recording next to the figures (sizes, repetitions, raw runs). */
  readonly details?: Record<string, unknown>;
}

export interface BenchOptions {
  readonly quick: boolean;
  readonly json: boolean;
  /** Size of the generated store for rebuild and read queries. */
  readonly events: number;
  readonly only: readonly string[] | undefined;
  /** Where temporary SQLite files go: must be a real disk, or fsync is free and figures lie. */
  readonly dir: string;
}

export interface BenchContext {
  readonly options: BenchOptions;
  /** Results of the benchmarks that already ran in this process (for ratios against the baseline). */
  readonly results: ReadonlyMap<string, BenchResult>;
  /** A fresh directory of its own under the run's work directory. */
  readonly tempDir: (name: string) => string;
  /** A resource built once per run and shared by benchmarks (the generated store). */
  readonly shared: <T>(key: string, create: () => Promise<T>) => Promise<T>;
  /** Progress on stderr, so that stdout stays one JSON document with `--json`. */
  readonly log: (message: string) => void;
}

export interface Benchmark {
  readonly name: string;
  readonly title: string;
  /** What the figures measure, one sentence (printed in the table's heading). */
  readonly description: string;
  /** Benchmarks whose results this one reads; `--only` runs them too. */
  readonly needs?: readonly string[];
  readonly run: (ctx: BenchContext) => Promise<BenchResult>;
}

export const figureOf = (
  results: ReadonlyMap<string, BenchResult>,
  benchmark: string,
  key: string,
): number | undefined => results.get(benchmark)?.figures.find((f) => f.key === key)?.value;

export const meets = (figure: Figure): boolean | null => {
  if (!figure.target) return null;
  return figure.target.op === '>=' ? figure.value >= figure.target.value : figure.value < figure.target.value;
};
