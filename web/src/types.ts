import type { ChannelKpis, quadrantOf } from '../../read-api/scorecard/channelHealth.js';
import type { ScorecardView } from '../../read-api/scorecard/scorecardView.js';

/** Shapes of the API answers the dashboard reads (types only: erased when served). */
export type Scorecard = ScorecardView;
export type Kpis = ChannelKpis;
export type Quadrant = ReturnType<typeof quadrantOf>;
export interface ChannelHealth extends Kpis {
  readonly asOf: string;
  readonly quadrant: Quadrant;
  readonly managed?: Kpis;
}
export type { Page } from '../../read-api/pagination.js';
export interface TierSignal {
  readonly partnerId: string;
  readonly name: string;
  readonly region: string;
  readonly tier: string;
  readonly signal: 'upgrade' | 'downgrade';
  readonly suggestedTier: string;
  readonly certifiedPeople: number;
  readonly wonRevenue: readonly { currency: string; amountMinor: number }[];
}
export interface Me {
  readonly principal:
    | { readonly kind: 'admin-key' }
    | { readonly kind: 'person'; readonly personId: string; readonly vendorRoles: readonly { role: string; regions?: readonly string[] }[]; readonly employer?: { partnerId: string; role: string } };
  readonly profile?: { readonly name: string } | null;
}
