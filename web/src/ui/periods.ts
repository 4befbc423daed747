/**
 * Periods (`YYYY-Qn`) as the console shows them: the last eight, their bounds, and how far a running
 * period has got ("quarter to date, day 62 of 92"), so that a partial period is compared like for like.
 */
const DAY = 86_400_000;

export const previousPeriod = (p: string): string => {
  const year = Number(p.slice(0, 4));
  const q = Number(p.slice(6));
  return q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
};

export const periodOf = (iso: string): string =>
  `${iso.slice(0, 4)}-Q${Math.floor((Number(iso.slice(5, 7)) - 1) / 3) + 1}`;

/** The last `n` periods up to and including `p`, oldest first. */
export const periodsUpTo = (p: string, n: number): string[] => {
  const out = [p];
  while (out.length < n) out.unshift(previousPeriod(out[0]));
  return out;
};

export const bounds = (p: string) => {
  const year = Number(p.slice(0, 4));
  const q = Number(p.slice(6));
  return { start: Date.UTC(year, (q - 1) * 3, 1), end: Date.UTC(year, q * 3, 1) };
};

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export interface Progress {
  readonly period: string;
  /** The period has begun and not ended at `now`. */
  readonly partial: boolean;
  /** Days elapsed, today included (1 on the first day); the whole period when it is over. */
  readonly day: number;
  readonly days: number;
}

export const progress = (p: string, now: string): Progress => {
  const { start, end } = bounds(p);
  const at = Date.parse(now);
  const days = Math.round((end - start) / DAY);
  if (at >= end) return { period: p, partial: false, day: days, days };
  if (at < start) return { period: p, partial: true, day: 0, days };
  return { period: p, partial: true, day: Math.floor((at - start) / DAY) + 1, days };
};

/** `2026-Q2 · quarter to date, day 62 of 92`, or just `2026-Q2`. */
export const periodLabel = (pr: Progress): string =>
  pr.partial ? `${pr.period} · quarter to date, day ${pr.day} of ${pr.days}` : pr.period;

/** The same first days of the previous period (dates, inclusive): what a partial period is compared with. */
export const likeForLike = (pr: Progress) => {
  const previous = previousPeriod(pr.period);
  const { start, end } = bounds(previous);
  const last = Math.min(start + (pr.day - 1) * DAY, end - DAY);
  return { period: previous, from: isoDay(start), to: isoDay(last), days: pr.day };
};

/** Dates (inclusive) of a whole period: the pipeline's registration window. */
export const periodDates = (p: string) => {
  const { start, end } = bounds(p);
  return { from: isoDay(start), to: isoDay(end - DAY) };
};

/** `Q3 ’25`: short enough for a chart's axis. */
export const shortPeriod = (p: string): string => `Q${p.slice(6)} ’${p.slice(2, 4)}`;
