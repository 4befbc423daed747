import type { Dialect } from './analyticsSql.js';
import { selectOf, versionedName, type AnalyticsView } from './analyticsView.js';
import { channelHealthV1, channelHealthV2, channelRevenueV1 } from './views/channelViews.js';
import { clockV1 } from './views/clockView.js';
import { contentAccessV1, contentV1 } from './views/contentViews.js';
import { dealConflictsV1, dealsV1 } from './views/dealViews.js';
import { leadAssignmentsV1, leadsV1 } from './views/leadViews.js';
import { mdfClaimsV1, mdfRequestsV1, mdfV1 } from './views/mdfViews.js';
import { certificationsV1, employmentsV1, partnersV1, peopleV1 } from './views/partnerViews.js';
import { pointsV1 } from './views/pointsView.js';
import { scorecardsV1, scorecardsV2 } from './views/scorecardView.js';

/**
 * Every published version of every analytics view (README "Read models for analysts"). A change to a
 * view's columns is a new version: declare `<view>V2` beside V1, list it here, mark V1 `deprecated`
 * (kept two quarters), and add V2 to tests/projections/publishedViews.ts; `analytics_<view>` then points
 * at V2.
 */
export const analyticsViewVersions: readonly AnalyticsView[] = [
  clockV1,
  partnersV1,
  peopleV1,
  employmentsV1,
  certificationsV1,
  dealsV1,
  dealConflictsV1,
  leadsV1,
  leadAssignmentsV1,
  mdfV1,
  mdfRequestsV1,
  mdfClaimsV1,
  pointsV1,
  scorecardsV1,
  scorecardsV2,
  channelHealthV1,
  channelHealthV2,
  channelRevenueV1,
  contentV1,
  contentAccessV1,
];

/** The latest version of each view, in the order declared: what `analytics_<view>` selects from. */
export const latestVersions = (versions: readonly AnalyticsView[]): AnalyticsView[] =>
  versions.filter((v) => !versions.some((w) => w.name === v.name && w.version > v.version));

export const currentAnalyticsViews: readonly AnalyticsView[] = latestVersions(analyticsViewVersions);

export interface ViewDdl {
  readonly name: string;
  readonly sql: string;
}

/**
 * The statements that create every view in a dialect: each version, then each stable name over its
 * latest version. On PostgreSQL they live in `schema` (`analytics`), over the read models in `public`.
 */
export const analyticsViewDdl = (
  d: Dialect,
  { schema, versions = analyticsViewVersions }: { schema?: string; versions?: readonly AnalyticsView[] } = {},
): ViewDdl[] => {
  const q = (name: string) => (schema ? `${schema}.${name}` : name);
  return [
    ...versions.map((v) => ({
      name: versionedName(v),
      sql: `CREATE VIEW ${q(versionedName(v))} AS\n${selectOf(v, d)}`,
    })),
    ...latestVersions(versions).map((v) => ({
      name: v.name,
      sql: `CREATE VIEW ${q(v.name)} AS SELECT * FROM ${q(versionedName(v))}`,
    })),
  ];
};

/** A view as `GET /analytics/<view>.csv` names it: `deals`, `deals_v1`, or the full `analytics_deals[_v1]`. */
export const findAnalyticsView = (
  name: string,
): { readonly view: AnalyticsView; readonly sqlName: string } | undefined => {
  const full = name.startsWith('analytics_') ? name : `analytics_${name}`;
  const current = currentAnalyticsViews.find((v) => v.name === full);
  if (current) return { view: current, sqlName: current.name };
  const version = analyticsViewVersions.find((v) => versionedName(v) === full);
  return version ? { view: version, sqlName: versionedName(version) } : undefined;
};
