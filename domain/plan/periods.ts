/** Periods a plan or a dashboard may cover: a quarter `YYYY-Qn` or a whole year `YYYY`. */

/** The quarters of a period, in order. */
export const quartersOf = (period: string): string[] =>
  /^\d{4}$/.test(period) ? [1, 2, 3, 4].map((q) => `${period}-Q${q}`) : [period];

/** First instant of the period and first instant after it. */
export const spanOf = (period: string): { start: Date; end: Date } => {
  const year = Number(period.slice(0, 4));
  if (/^\d{4}$/.test(period)) return { start: new Date(Date.UTC(year, 0, 1)), end: new Date(Date.UTC(year + 1, 0, 1)) };
  const q = Number(period.slice(6));
  return { start: new Date(Date.UTC(year, (q - 1) * 3, 1)), end: new Date(Date.UTC(year, q * 3, 1)) };
};

/** The same period a year earlier (`2026-Q3` -> `2025-Q3`, `2026` -> `2025`): the year-over-year base. */
export const yearBefore = (period: string): string => `${Number(period.slice(0, 4)) - 1}${period.slice(4)}`;
