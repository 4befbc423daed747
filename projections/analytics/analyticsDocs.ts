import { analyticsViewVersions, currentAnalyticsViews } from './analyticsViews.js';
import { versionedName, type AnalyticsView } from './analyticsView.js';
import { channelKpis } from './channelKpis.js';

/**
 * The README's tables for the analytics views and the KPIs, rendered from the declarations (aligned as
 * the README's other tables are). tools/analyticsReadme.ts prints them; a test holds the README to them.
 */
export const markdownTable = (header: readonly string[], rows: readonly (readonly string[])[]): string => {
  const widths = header.map((h, i) => Math.max(3, h.length, ...rows.map((r) => [...r[i]].length)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, i) => c + ' '.repeat(widths[i] - [...c].length)).join(' | ')} |`;
  return [line(header), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.map(line)].join('\n');
};

export const kpiTable = () =>
  markdownTable(
    ['KPI', 'definition', 'in the API', 'in the views'],
    channelKpis.map((k) => [k.title, k.definition, k.api, k.views]),
  );

/** `#### \`analytics_deals\` (v1): one row per deal registration`, as the README heads each view. */
export const viewHeading = (v: AnalyticsView) => `#### \`${v.name}\` (v${v.version}): one row per ${v.rowPer}`;

export const viewColumnTable = (v: AnalyticsView) =>
  markdownTable(
    ['column', 'type', 'meaning'],
    Object.entries(v.columns).map(([name, c]) => [`\`${name}\``, c.type, c.doc]),
  );

export const analyticsViewDocs = () =>
  currentAnalyticsViews.map((v) => `${viewHeading(v)}\n\n${viewColumnTable(v)}`).join('\n\n');

/** Versions still served beside a newer one, with the day they go. */
export const deprecatedVersions = () =>
  analyticsViewVersions.flatMap((v) => (v.deprecated ? [{ name: versionedName(v), ...v.deprecated }] : []));
