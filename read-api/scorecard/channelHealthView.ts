import { z } from 'zod';
import { Period } from '../../domain/shared/index.js';
import { CurrencyOut, InstantOut, MoneyOut, named } from '../../http/contract.js';
import { AberdeenOut } from '../lead/leadOut.js';

const n = z.number().int();
const pct = z.number().nullable();
export const QuadrantOut = named(
  'Quadrant',
  z.object({
    name: z.enum(['continuous_improvement', 'sub_optimized', 'scaling', 'emerging_growth']),
    activePartners: n,
    desiredPartnerCount: z.number(),
    partnerCoveragePct: pct,
    achievingQuotaPct: pct,
    quotaAttainmentThresholdPct: z.number(),
    enoughPartners: z.boolean(),
    performing: z.boolean(),
  }),
);
export const ChannelKpisOut = named(
  'ChannelKpis',
  z.object({
    period: Period,
    previousPeriod: Period,
    partners: z.object({ active: n, byStatus: z.record(z.string(), n), activeByTier: z.record(z.string(), n) }),
    quota: z.object({ withQuota: n, achieving: n, achievingPct: pct }),
    revenue: z.object({
      currency: CurrencyOut.nullable(),
      won: MoneyOut.nullable(),
      previousWon: MoneyOut.nullable(),
      growthPct: pct,
      byCurrency: z.array(z.object({ currency: CurrencyOut, wonMinor: n, previousWonMinor: n, growthPct: pct })),
    }),
    leads: z.object({ registered: n, won: n, closed: n, conversionPct: pct }),
    readiness: z.object({ ready: n, readySharePct: pct }),
  }),
);
export const ChannelHealthOut = named(
  'ChannelHealth',
  z.object({
    asOf: InstantOut,
    ...ChannelKpisOut.shape,
    quadrant: QuadrantOut,
    aberdeen: AberdeenOut,
    managed: ChannelKpisOut.optional().describe("a regional channel manager's partners only"),
  }),
);
