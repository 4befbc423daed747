import { html, raw, escapeHtml, type Html } from '../ui/html.js';
import { pct } from '../ui/format.js';
import { shortPeriod } from '../ui/periods.js';
import type { Quadrant } from '../types.js';

export interface QuadrantPosition {
  readonly period: string;
  /** Active partners as a share of the desired count, in %. */
  readonly coverage: number | null;
  /** Share of partners with a quota who achieved it, in %. */
  readonly achieving: number | null;
  readonly partial?: boolean;
}

export interface QuadrantDot {
  readonly id: string;
  readonly label: string;
  /** Oldest first; the last is where the dot is now. */
  readonly trail: readonly QuadrantPosition[];
  readonly note?: string;
}

const W = 560;
const H = 400;
const M = { left: 56, right: 20, top: 16, bottom: 48 };
const colours = ['#2456b8', '#a34700', '#17703a', '#7a3fb0', '#a3126b', '#0f6b75', '#5b5f00'];

export const quadrantNames = {
  emerging_growth: 'Emerging growth',
  scaling: 'Scaling',
  sub_optimized: 'Sub-optimized',
  continuous_improvement: 'Continuous improvement',
} as const;

/**
 * The channel quadrant (LogicBay): partners against the desired count across (the line at 100%), the
 * share of partners achieving quota up (the line at the threshold). Each dot (the channel, each region,
 * or a manager's partners) carries a trail of the last quarters; the legend states the numbers.
 */
export const quadrantChart = (q: Quadrant, dots: readonly QuadrantDot[]): Html => {
  const all = dots.flatMap((d) => d.trail);
  const xMax = Math.max(200, Math.ceil((Math.max(0, ...all.map((p) => p.coverage ?? 0)) + 20) / 50) * 50);
  const x = (v: number) => M.left + (Math.min(v, xMax) / xMax) * (W - M.left - M.right);
  const y = (v: number) => H - M.bottom - (Math.min(v, 100) / 100) * (H - M.top - M.bottom);
  const t = q.quotaAttainmentThresholdPct;
  const cells = [
    { name: 'emerging_growth', x0: 0, x1: 100, y0: 0, y1: t },
    { name: 'scaling', x0: 0, x1: 100, y0: t, y1: 100 },
    { name: 'sub_optimized', x0: 100, x1: xMax, y0: 0, y1: t },
    { name: 'continuous_improvement', x0: 100, x1: xMax, y0: t, y1: 100 },
  ] as const;
  const rects = cells
    .map((c) => {
      const chosen = c.name === q.name;
      return `<rect data-cell="${c.name}" x="${x(c.x0)}" y="${y(c.y1)}" width="${x(c.x1) - x(c.x0)}"
      height="${y(c.y0) - y(c.y1)}" fill="${chosen ? '#e3ecff' : '#f7f8fb'}" stroke="#d5dae3"/>
    <text x="${(x(c.x0) + x(c.x1)) / 2}" y="${y(c.y1) + 18}" text-anchor="middle" font-size="13"
      font-weight="${chosen ? 700 : 400}" fill="${chosen ? '#1b4597' : '#4a5468'}">${quadrantNames[c.name]}</text>`;
    })
    .join('');
  const xTicks = Array.from({ length: xMax / 50 + 1 }, (_, i) => i * 50)
    .filter((v) => v % (xMax > 300 ? 100 : 50) === 0)
    .map(
      (v) => `<text x="${x(v)}" y="${H - M.bottom + 16}" text-anchor="middle" font-size="11"
        fill="#4a5468">${v}%</text>`,
    )
    .join('');
  const yTicks = [0, 25, 50, 75, 100]
    .map((v) => `<text x="${M.left - 8}" y="${y(v) + 4}" text-anchor="end" font-size="11" fill="#4a5468">${v}%</text>`)
    .join('');
  // Labels beside the current dots, moved down when one would overlap a label already placed.
  const placed: { x: number; y: number }[] = [];
  const labelAt = (cx: number, cy: number) => {
    let ly = cy - 8;
    while (placed.some((p) => Math.abs(p.x - cx) < 70 && Math.abs(p.y - ly) < 14)) ly += 14;
    placed.push({ x: cx, y: ly });
    return ly;
  };
  const marks = dots
    .map((d, i) => {
      const colour = colours[i % colours.length];
      const points = d.trail
        .filter((p) => p.coverage !== null)
        .map((p) => ({ ...p, cx: x(p.coverage ?? 0), cy: y(p.achieving ?? 0) }));
      if (!points.length) return '';
      const now = points[points.length - 1];
      const trail =
        points.length > 1
          ? `<polyline points="${points.map((p) => `${p.cx},${p.cy}`).join(' ')}" fill="none" stroke="${colour}"
            stroke-width="1.5" stroke-opacity="0.6"/>`
          : '';
      const past = points
        .slice(0, -1)
        .map(
          (p, k) =>
            `<circle cx="${p.cx}" cy="${p.cy}" r="3" fill="${colour}"
              fill-opacity="${0.25 + (0.5 * (k + 1)) / points.length}"/>`,
        )
        .join('');
      return `<g data-dot="${escapeHtml(d.id)}">${trail}${past}
      <circle data-testid="quadrant-point" cx="${now.cx}" cy="${now.cy}" r="${i === 0 ? 8 : 6}"
        fill="${now.partial ? '#fff' : colour}" stroke="${colour}" stroke-width="${now.partial ? 3 : 2}"/>
      <text x="${now.cx + 10}" y="${labelAt(now.cx, now.cy)}" font-size="12" font-weight="600"
        fill="${colour}">${escapeHtml(d.label)}</text></g>`;
    })
    .join('');
  const legend = dots.map((d, i) => {
    const now = d.trail[d.trail.length - 1];
    const path = d.trail
      .map((p) => {
        const when = `${shortPeriod(p.period)}${p.partial ? ' (to date)' : ''}`;
        return `${when}: ${pct(p.coverage, 0)} of desired, ${pct(p.achieving, 0)} at quota`;
      })
      .join('; ');
    const swatch = html`<span class="swatch c${i % colours.length}" aria-hidden="true"></span>`;
    const coverage = pct(now?.coverage ?? null, 0);
    const achieving = pct(now?.achieving ?? null, 0);
    const note = d.note ? html` <span class="muted">(${d.note})</span>` : '';
    return html`<li data-legend="${d.id}">${swatch}<strong>${d.label}</strong>:
      ${coverage} of desired partners, ${achieving} achieving quota${note}
      <span class="sr-only">Trail: ${path}.</span></li>`;
  });
  const label = [
    `Channel quadrant: the channel is in ${quadrantNames[q.name]}.`,
    'Dots and their last quarters are listed below the chart.',
  ].join(' ');
  return html`<svg viewBox="0 0 ${W} ${H}" role="img" data-quadrant="${q.name}"
      aria-label="${label}">
      ${raw(rects + xTicks + yTicks)}
      <line x1="${x(100)}" y1="${y(0)}" x2="${x(100)}" y2="${y(100)}" stroke="#4a5468" stroke-dasharray="4 3"/>
      <line x1="${x(0)}" y1="${y(t)}" x2="${x(xMax)}" y2="${y(t)}" stroke="#4a5468" stroke-dasharray="4 3"/>
      <text x="${(W + M.left) / 2}" y="${H - 8}" text-anchor="middle" font-size="12"
        fill="#1d2433">active partners, % of the desired count</text>
      <text transform="translate(14 ${(H - M.bottom + M.top) / 2}) rotate(-90)" text-anchor="middle" font-size="12"
        fill="#1d2433">partners achieving quota</text>
      ${raw(marks)}
    </svg>
    <ul class="legend">${legend}</ul>`;
};
