import { z } from 'zod';

const DAY_MS = 86_400_000;

/** A calendar date `YYYY-MM-DD` that really exists (no 2026-02-30). */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((s) => {
    // zod runs this even when the regex failed: an Invalid Date must be refused, not thrown (RangeError).
    const d = new Date(`${s}T00:00:00.000Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'not a calendar date')
  // The OpenAPI document tells clients the format the refinement enforces.
  .meta({ format: 'date' });
export type IsoDate = z.infer<typeof IsoDate>;

/** An instant in ISO-8601 UTC, e.g. `2026-11-27T10:00:00.000Z`; normalised to milliseconds. */
export const Instant = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?Z$/, 'must be an ISO-8601 UTC instant ending in Z')
  .refine((s) => {
    // Date.parse rolls 2026-02-30 over into March: the calendar day must survive the parse.
    const t = Date.parse(s);
    return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s.slice(0, 10);
  }, 'not a real instant')
  .transform((s) => new Date(s).toISOString())
  .meta({ format: 'date-time' });
export type Instant = z.infer<typeof Instant>;

export const toIsoDate = (d: Date): IsoDate => d.toISOString().slice(0, 10);
export const startOfDay = (date: IsoDate): Date => new Date(`${date}T00:00:00.000Z`);
export const addDays = (d: Date, days: number): Date => new Date(d.getTime() + days * DAY_MS);
export const addMonths = (d: Date, months: number): Date => {
  const r = new Date(d);
  r.setUTCMonth(r.getUTCMonth() + months);
  return r;
};
export const daysBetween = (from: Date, to: Date): number => (to.getTime() - from.getTime()) / DAY_MS;
