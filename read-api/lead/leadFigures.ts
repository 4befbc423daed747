import { leadConversion } from '../../projections/analytics/channelKpis.js';
import { leadCountColumns } from '../../projections/readModels/leadTables.js';

/** Lead counts of a period (README "Leads dashboard"): what happened to lead offers in it. */
export type LeadCounts = Record<(typeof countKeys)[number], number>;
export const countKeys = leadCountColumns;

export const noCounts = (): LeadCounts => Object.fromEntries(countKeys.map((k) => [k, 0])) as LeadCounts;

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

/**
 * One row of the dashboard (the channel, a region or a partner): the counts, the conversion rate
 * (converted ÷ offers answered) this period and the same period a year earlier, its change in
 * percentage points, and the median hours from assignment to acceptance (given in seconds).
 */
export const leadFigures = (
  counts: LeadCounts,
  previousYear: Pick<LeadCounts, 'converted' | 'declined' | 'lapsed' | 'disqualified'>,
  medianAcceptSeconds: number | null,
) => {
  const conversionPct = leadConversion.of(counts.converted, answered(counts));
  const previousYearConversionPct = leadConversion.of(previousYear.converted, answered(previousYear));
  return {
    ...counts,
    conversionPct,
    previousYearConversionPct,
    conversionChangePts:
      conversionPct === null || previousYearConversionPct === null
        ? null
        : Math.round((conversionPct - previousYearConversionPct) * 100) / 100,
    medianHoursToAccept: hours(medianAcceptSeconds),
  };
};
export type LeadFigures = ReturnType<typeof leadFigures>;
