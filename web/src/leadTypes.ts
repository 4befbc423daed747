import type { Money } from './ui/format.js';

/** A lead as GET /leads answers it (read-api/lead/leadView.ts). */
export interface Lead {
  readonly id: string;
  readonly customer: { readonly name: string; readonly domain: string; readonly country: string };
  readonly region: string;
  readonly productLine: string;
  readonly estimatedValue: Money | null;
  readonly source: string;
  readonly status: string;
  readonly partnerId: string | null;
  readonly partnerName: string | null;
  readonly assignedAt: string | null;
  readonly acceptBy: string | null;
  readonly acceptOverdue: boolean;
  readonly dealId: string | null;
  readonly dealStatus: string | null;
  readonly registeredAt: string;
}

/** One row of the leads dashboard: the channel, a region or a partner. */
export interface LeadFigures {
  readonly registered: number;
  readonly assigned: number;
  readonly accepted: number;
  readonly declined: number;
  readonly lapsed: number;
  readonly converted: number;
  readonly disqualified: number;
  readonly won: number;
  readonly conversionPct: number | null;
  readonly previousYearConversionPct: number | null;
  readonly conversionChangePts: number | null;
  readonly medianHoursToAccept: number | null;
}

export interface LeadDashboard {
  readonly period: string;
  readonly previousYearPeriod: string;
  readonly asOf: string;
  readonly channel: LeadFigures;
  readonly regions: readonly (LeadFigures & { readonly region: string })[];
  readonly partners: {
    readonly items: readonly (LeadFigures & { readonly partnerId: string; readonly name: string | null })[];
    readonly nextCursor: string | null;
  };
}

/** A business plan with its progress (read-api/plan/planProgress.ts). */
export interface Plan {
  readonly id: string;
  readonly period: string;
  readonly status: 'upcoming' | 'running' | 'ended';
  readonly elapsedPct: number;
  readonly objectives: readonly {
    readonly kind: string;
    readonly target: Money | number;
    readonly actual: Money | number;
    readonly progressPct: number;
    readonly met: boolean;
    readonly onTrack: boolean;
  }[];
}
