import { leadConversion } from '../../projections/analytics/channelKpis.js';
import { leadCountColumns } from '../../projections/readModels/leadTables.js';

/** Lead counts of a period (README "Leads dashboard"): what happened to lead offers in it. */
export type LeadCounts = Record<(typeof countKeys)[number], number>;
export const countKeys = leadCountColumns;

export const noCounts = (): LeadCounts => {
  const counts = {} as LeadCounts;
  for (const k of countKeys) counts[k] = 0;
  return counts;
};

/** Offers that reached an outcome in the period: converted, disqualified, declined or let lapse. */
export const answered = leadConversion.answered;

/** The median of a list (the mean of the two middle values for an even count), null when empty. */
export const median = (values: number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const hours = (seconds: number | null) => (seconds === null ? null : Math.round((seconds / 3600) * 100) / 100);

type Figures = LeadCounts & {
  conversionPct: number | null;
  previousYearConversionPct: number | null;
  conversionChangePts: number | null;
  medianHoursToAccept: number | null;
};

/**
 * One row of the dashboard (the channel, a region or a partner): the counts, the conversion rate
 * (converted ÷ offers answered) this period and the same period a year earlier, its change in
 * percentage points, and the median hours from assignment to acceptance (given in seconds). The
 * figures are written onto `head` (the row's own keys, first): a page builds a row per partner, and
 * object spreads allocate several times what filling one object does, which a dashboard's tail
 * latency pays for in young-generation collections.
 */
export const leadFigures = <H extends object = Record<never, never>>(
  counts: LeadCounts,
  previousYear: Pick<LeadCounts, 'converted' | 'declined' | 'lapsed' | 'disqualified'>,
  medianAcceptSeconds: number | null,
  head?: H,
): H & Figures => {
  const row: Record<string, unknown> = head ?? {};
  for (const k of countKeys) row[k] = counts[k];
  const conversionPct = leadConversion.of(counts.converted, answered(counts));
  const previousYearConversionPct = leadConversion.of(previousYear.converted, answered(previousYear));
  row.conversionPct = conversionPct;
  row.previousYearConversionPct = previousYearConversionPct;
  row.conversionChangePts =
    conversionPct === null || previousYearConversionPct === null
      ? null
      : Math.round((conversionPct - previousYearConversionPct) * 100) / 100;
  row.medianHoursToAccept = hours(medianAcceptSeconds);
  return row as H & Figures;
};
export type LeadFigures = Figures;
