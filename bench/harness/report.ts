import { meets, type Benchmark, type BenchOptions, type BenchResult, type Figure, type Target } from './benchmark.js';

export interface RunReport {
  readonly machine: Record<string, unknown>;
  readonly settings: BenchOptions & { readonly benchmarks: readonly string[] };
  readonly startedAt: string;
  readonly seconds: number;
  readonly runs: readonly { readonly benchmark: Benchmark; readonly result: BenchResult }[];
}

const targetText = (t: Target | undefined, unit: string) =>
  t ? `${t.op} ${formatNumber(t.value)} ${unit}`.trim() : '';

export const formatNumber = (n: number): string => {
  if (!Number.isFinite(n)) return String(n);
  const digits = Math.abs(n) >= 100 ? 0 : Math.abs(n) >= 10 ? 1 : 2;
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
};

/** The machine-readable document: every figure keyed `<benchmark>.<key>`, plus machine and settings. */
export const toJson = (report: RunReport) => ({
  machine: report.machine,
  settings: report.settings,
  startedAt: report.startedAt,
  seconds: report.seconds,
  figures: Object.fromEntries(
    report.runs.flatMap(({ benchmark, result }) =>
      result.figures.map((f: Figure) => [
        `${benchmark.name}.${f.key}`,
        { label: f.label, value: f.value, unit: f.unit, ...(f.target ? { target: f.target, met: meets(f) } : {}) },
      ]),
    ),
  ),
  details: Object.fromEntries(report.runs.map(({ benchmark, result }) => [benchmark.name, result.details ?? {}])),
});

/** A readable table: one section per benchmark, one row per figure with its target and verdict. */
export const toTable = (report: RunReport): string => {
  const rows: string[][] = [];
  const sections: { title: string; description: string; from: number; to: number }[] = [];
  for (const { benchmark, result } of report.runs) {
    const from = rows.length;
    for (const f of result.figures) {
      const met = meets(f);
      rows.push([
        `  ${f.label}`,
        `${formatNumber(f.value)} ${f.unit}`.trim(),
        targetText(f.target, f.unit),
        met === null ? '' : met ? 'yes' : 'NO',
      ]);
    }
    sections.push({ title: benchmark.title, description: benchmark.description, from, to: rows.length });
  }
  const header = ['figure', 'value', 'target', 'met?'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 1 ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  const m = report.machine as {
    cpus: number;
    cpuModel: string;
    node: string;
    sqlite: string;
    loadAverageAtStart: number[];
  };
  const out = [
    `PRM core benchmarks: ${m.cpus} cpus (${m.cpuModel}), node ${m.node}, SQLite ${m.sqlite}; ` +
      `${report.seconds.toFixed(0)} s; ` +
      `load average at start ${m.loadAverageAtStart.join(' ')}` +
      (report.settings.quick ? ' (--quick: sizes too small for meaningful figures)' : ''),
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
  ];
  for (const s of sections) {
    out.push(`${s.title}: ${s.description}`);
    for (let i = s.from; i < s.to; i++) out.push(line(rows[i]));
  }
  return out.join('\n');
};
