import { z } from 'zod';

/** A fiscal quarter `YYYY-Qn`. */
export const Period = z.string().regex(/^\d{4}-Q[1-4]$/, 'must be a period YYYY-Qn');
export type Period = z.infer<typeof Period>;

export const periodOf = (d: Date): Period => `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;

export const previousPeriod = (p: Period): Period => {
  const year = Number(p.slice(0, 4));
  const q = Number(p.slice(6));
  return q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
};

/** First instant of the period and first instant after it. */
export const periodBounds = (p: Period): { start: Date; end: Date } => {
  const year = Number(p.slice(0, 4));
  const q = Number(p.slice(6));
  return {
    start: new Date(Date.UTC(year, (q - 1) * 3, 1)),
    end: new Date(Date.UTC(year, q * 3, 1)),
  };
};
