import { z } from 'zod';
import { Instant } from '../../domain/shared/index.js';

/** A point in history: a global position, or an instant (the state after every event recorded until then). */
export type AsOf = { readonly position: number } | { readonly instant: string };

/** `asOf=1234` (a position) or `asOf=2026-06-01T10:00:00Z` (an ISO-8601 UTC instant). */
export const AsOfParam = z.string().transform((s, ctx): AsOf => {
  if (/^\d{1,15}$/.test(s)) return { position: Number(s) };
  const instant = Instant.safeParse(s);
  if (instant.success) return { instant: instant.data };
  ctx.addIssue({
    code: 'custom',
    message: 'must be a log position (an integer) or an ISO-8601 UTC instant, e.g. 2026-06-01T10:00:00Z',
  });
  return z.NEVER;
});

/** True while an event (position, recordedAt) still belongs to the history up to `asOf`. */
export const withinAsOf = (asOf: AsOf | undefined, position: number, recordedAt: string): boolean => {
  if (!asOf) return true;
  if ('position' in asOf) return position <= asOf.position;
  return Date.parse(recordedAt) <= Date.parse(asOf.instant);
};
