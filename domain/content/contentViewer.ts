import type { Audience } from './audience.js';
import { audienceReach, type AudienceCandidate, type HeldCertification, type Reach } from './audienceMatches.js';

/**
 * Who sees content at all (README "Content and visibility"): vendor staff (any vendor role) see every
 * published item; a person employed by an approved or active partner sees what the audience rule
 * lets them see; anyone else (no employer, suspended/terminated/rejected employer) sees nothing.
 */
export type ContentViewer =
  | { readonly kind: 'vendor' }
  | { readonly kind: 'partner'; readonly candidate: AudienceCandidate }
  | { readonly kind: 'nobody' };

export interface ViewerFacts {
  readonly hasVendorRole: boolean;
  readonly employer?: {
    readonly partnerId: string;
    readonly role: string;
    readonly status: string;
    readonly tier?: string | null;
    readonly region?: string | null;
    readonly type?: string | null;
  };
  readonly certifications: Readonly<Record<string, HeldCertification | undefined>>;
}

const operating = (status: string) => status === 'approved' || status === 'active';

export const contentViewerOf = (f: ViewerFacts): ContentViewer => {
  if (f.hasVendorRole) return { kind: 'vendor' };
  const e = f.employer;
  if (!e || !operating(e.status)) return { kind: 'nobody' };
  return {
    kind: 'partner',
    candidate: {
      partnerId: e.partnerId,
      role: e.role,
      certifications: f.certifications,
      ...(e.tier ? { tier: e.tier } : {}),
      ...(e.region ? { region: e.region } : {}),
      ...(e.type ? { partnerType: e.type } : {}),
    },
  };
};

const unbounded: Reach = { validUntil: null };

/** How long a published item's audience reaches the viewer (clock-free); undefined when not at all. */
export const reachOf = (viewer: ContentViewer, audience: Audience): Reach | undefined =>
  viewer.kind === 'vendor'
    ? unbounded
    : viewer.kind === 'partner'
      ? audienceReach(audience, viewer.candidate)
      : undefined;
