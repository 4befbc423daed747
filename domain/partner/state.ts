import type { Money, PartnerType, Tier } from '../shared/index.js';

export type PartnerStatus = 'none' | 'applied' | 'approved' | 'active' | 'suspended' | 'terminated' | 'rejected';

export interface PartnerState {
  readonly status: PartnerStatus;
  readonly partnerId?: string;
  readonly name?: string;
  readonly domain?: string;
  readonly type?: PartnerType;
  readonly region?: string;
  readonly tier?: Tier;
  readonly parentPartnerId?: string;
  readonly channelManagerId?: string;
  readonly agreementVersions: readonly string[];
  readonly quotas: Readonly<Record<string, Money>>;
}

export const initialPartnerState: PartnerState = { status: 'none', agreementVersions: [], quotas: {} };

/** Statuses in which a partner can employ people and do business. */
export const isOperating = (status: string): boolean => status === 'approved' || status === 'active';
