import { quadrantChart, quadrantNames, type QuadrantDot } from '../charts/quadrant.js';
import type { ChannelHealth, RegionHealth } from '../types.js';
import { count, pct } from '../ui/format.js';
import { html, setHtml } from '../ui/html.js';
import { progress } from '../ui/periods.js';

/** Why the regions' dots stand where they do: no region has a target of its own. */
const evenShareNote = (latest: RegionHealth) => {
  const share = html`Regions stand against an even share of the desired count`;
  return html`${share} (${count(latest.desiredPartnerCountPerRegion)} each): no region has a target of its own.`;
};

interface Input {
  /** Channel health of the last four periods, oldest first. */
  readonly series: readonly ChannelHealth[];
  /** Per-region health: of the same four periods (vendor-wide viewers), or of the current one (a manager). */
  readonly regions: readonly RegionHealth[];
  readonly asOf: string;
}

const share = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 100 : null);

/**
 * The quadrant's dots: the channel, and a dot per region for vendor-wide viewers, or the manager's own
 * partners. No region has a desired count of its own: each stands against an even share of the channel's.
 */
export const overviewQuadrant = (el: HTMLElement, { series, regions, asOf }: Input) => {
  const current = series[series.length - 1];
  const q = current.quadrant;
  const partial = (p: string) => progress(p, asOf).partial;
  const dots: QuadrantDot[] = [
    {
      id: 'channel',
      label: 'Channel',
      trail: series.map((h) => ({
        period: h.period,
        coverage: h.quadrant.partnerCoveragePct,
        achieving: h.quadrant.achievingQuotaPct,
        partial: partial(h.period),
      })),
    },
  ];
  const latest = regions[regions.length - 1];
  if (current.managed) {
    // The share of the desired count that the manager's regions stand for.
    const desired = latest.desiredPartnerCountPerRegion * Math.max(1, latest.items.length);
    dots.push({
      id: 'managed',
      label: 'Your partners',
      note: `against ${count(Math.round(desired))} desired, the even share of ${latest.items.length || 1} region(s)`,
      trail: series.map((h) => ({
        period: h.period,
        coverage: share(h.managed?.partners.active ?? 0, desired),
        achieving: h.managed?.quota.achievingPct ?? null,
        partial: partial(h.period),
      })),
    });
  } else {
    for (const item of latest.items) {
      dots.push({
        id: `region-${item.region}`,
        label: item.region.toUpperCase(),
        trail: regions.map((r) => {
          const it = r.items.find((i) => i.region === item.region);
          return {
            period: r.period,
            coverage: it?.quadrant.partnerCoveragePct ?? null,
            achieving: it?.quadrant.achievingQuotaPct ?? null,
            partial: partial(r.period),
          };
        }),
      });
    }
  }
  const name = html`<strong>${quadrantNames[q.name]}</strong>`;
  const partners = `${count(q.activePartners)} active of ${count(q.desiredPartnerCount)} desired partners`;
  setHtml(
    el,
    html`${quadrantChart(q, dots)}
    <p data-testid="quadrant-name">${name}: ${partners};
      ${pct(q.achievingQuotaPct)} of those with a quota achieved it (threshold ${q.quotaAttainmentThresholdPct}%).
      ${current.managed ? '' : evenShareNote(latest)}
      Trails show the last four quarters; a hollow dot is a quarter to date.</p>`,
  );
};
