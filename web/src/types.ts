import type { ChannelKpis, quadrantOf } from '../../read-api/scorecard/channelHealth.js';
import type { ScorecardView } from '../../read-api/scorecard/scorecardView.js';
import type { dealView } from '../../read-api/deal/dealView.js';
import type { PartnerDealMetrics } from '../../read-api/deal/dealMetrics.js';
import type { partnerView } from '../../read-api/partner/partnerView.js';
import type { personView } from '../../read-api/person/personView.js';
import type { claimView, fundView, requestView } from '../../read-api/mdf/mdfView.js';
import type { contentView } from '../../read-api/content/contentView.js';
import type { Money } from './ui/format.js';

/** Shapes of the API answers the console reads (types only: erased when served). */
export type { Page } from './api.js';
export type Scorecard = ScorecardView;
export interface ScorecardDetail extends ScorecardView {
  readonly asOf: string;
  readonly trend: readonly {
    period: string;
    quota: Money | null;
    wonRevenue: Money | null;
    attainmentPct: number | null;
  }[];
}
export interface ScorecardList {
  readonly period: string;
  readonly asOf: string;
  readonly items: readonly Scorecard[];
  readonly nextCursor: string | null;
}
export type Kpis = ChannelKpis;
export type Quadrant = ReturnType<typeof quadrantOf>;
export interface ChannelHealth extends Kpis {
  readonly asOf: string;
  readonly quadrant: Quadrant;
  readonly managed?: Kpis;
}
export interface RegionHealth {
  readonly period: string;
  readonly asOf: string;
  readonly regionsInChannel: number;
  readonly desiredPartnerCountPerRegion: number;
  readonly items: readonly (Kpis & { region: string; quadrant: Quadrant })[];
}
export interface CertifiedTrend {
  readonly asOf: string;
  readonly items: readonly {
    period: string;
    at: string;
    partial: boolean;
    employees: number;
    certifiedPeople: number;
  }[];
}
export interface WonRevenue {
  readonly from: string;
  readonly to: string;
  readonly byCurrency: readonly { currency: string; amountMinor: number; deals: number }[];
}
export interface TierSignal {
  readonly partnerId: string;
  readonly name: string;
  readonly region: string;
  readonly tier: string;
  readonly signal: 'upgrade' | 'downgrade';
  readonly suggestedTier: string;
  readonly certifiedPeople: number;
  readonly wonRevenue: readonly Money[];
}
export type Deal = ReturnType<typeof dealView>;
export type DealMetrics = PartnerDealMetrics;
export interface Pipeline {
  readonly asOf: string;
  readonly totals: {
    readonly registered: number;
    readonly conflicted: number;
    readonly protectionActive: number;
    readonly byStatus: readonly { status: string; count: number; estimatedValue: Money[] }[];
    readonly byProductLine: readonly {
      productLine: string;
      count: number;
      statuses: Record<string, number>;
      estimatedValue: Money[];
    }[];
  };
  readonly partners: { readonly items: readonly DealMetrics[]; readonly nextCursor: string | null };
}
export type Partner = ReturnType<typeof partnerView> & {
  readonly quotas?: readonly { period: string; amount: Money }[];
};
export interface Employee {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly role: string;
  readonly joinedAt: string;
}
export type Person = ReturnType<typeof personView>;
export interface PartnerCertification {
  readonly personId: string;
  readonly personName: string;
  readonly programId: string;
  readonly programName: string | null;
  readonly productLine: string;
  readonly earnedAt: string;
  readonly expiresAt: string;
  readonly revokedAt: string | null;
  readonly valid: boolean;
}
export type Fund = ReturnType<typeof fundView>;
export type FundDetail = Fund & {
  readonly requests: ReturnType<typeof requestView>[];
  readonly claims: ReturnType<typeof claimView>[];
};
export interface PointsEntry {
  readonly position: number;
  readonly kind: string;
  readonly points: number;
  readonly personId: string | null;
  readonly reason: string | null;
  readonly rewardId: string | null;
  readonly recordedAt: string;
}
export interface PointsTotals {
  readonly balance: number;
  readonly earned: number;
  readonly adjusted: number;
  readonly redeemed: number;
  readonly expired: number;
}
export interface Points extends PointsTotals {
  readonly partnerId: string;
  readonly scope: 'partner' | 'person';
  readonly people: readonly (PointsTotals & { personId: string })[];
  readonly ledger: { readonly items: readonly PointsEntry[]; readonly nextCursor: string | null };
}
export type Content = ReturnType<typeof contentView>;
export interface Me {
  readonly principal:
    | { readonly kind: 'admin-key' }
    | {
        readonly kind: 'person';
        readonly personId: string;
        readonly vendorRoles: readonly { role: string; regions?: readonly string[] }[];
        readonly employer?: { partnerId: string; role: string };
      };
  readonly profile?: Person | null;
}
