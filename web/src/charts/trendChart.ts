import { html, raw, type Html } from '../ui/html.js';
import { shortPeriod } from '../ui/periods.js';

export interface TrendPoint {
  readonly period: string;
  readonly value: number | null;
  /** The running period: drawn hollow, reached by a dashed line. */
  readonly partial?: boolean;
}

export interface TrendSpec {
  readonly id: string;
  readonly title: string;
  readonly points: readonly TrendPoint[];
  readonly format: (v: number) => string;
  /** A level to draw across (a threshold), with its name. */
  readonly reference?: { readonly value: number; readonly label: string };
  readonly note?: string;
  /** What the running period's figure is: `to date` (a flow) or `now` (a stock). */
  readonly partialWord?: string;
}

const W = 300;
const H = 150;
const M = { left: 58, right: 12, top: 12, bottom: 26 };

/**
 * One small multiple: a KPI over the periods as plain SVG (no chart library: a few lines of SVG keep
 * the page light, need no script from elsewhere and pass the strict content security policy).
 * The SVG has a text alternative; the numbers are also in the page's trend table.
 */
export const trendChart = (s: TrendSpec): Html => {
  const values = s.points.map((p) => p.value).filter((v): v is number => v !== null);
  const highest = Math.max(...values, s.reference?.value ?? 0, 0);
  const top = highest * 1.1 || 1;
  const bottom = Math.min(0, ...values);
  const step = (W - M.left - M.right) / Math.max(1, s.points.length - 1);
  const x = (i: number) => M.left + i * step;
  const y = (v: number) => H - M.bottom - ((v - bottom) / (top - bottom)) * (H - M.top - M.bottom);
  const segments: string[] = [];
  s.points.forEach((p, i) => {
    const prev = s.points[i - 1];
    if (i === 0 || p.value === null || prev?.value === null || prev === undefined) return;
    const dashed = p.partial ? ' stroke-dasharray="4 3"' : '';
    segments.push(
      `<line x1="${x(i - 1)}" y1="${y(prev.value)}" x2="${x(i)}" y2="${y(p.value)}"
        stroke="#2456b8" stroke-width="2"${dashed}/>`,
    );
  });
  const dots = s.points
    .map((p, i) =>
      p.value === null
        ? ''
        : `<circle cx="${x(i)}" cy="${y(p.value)}" r="3.5" fill="${p.partial ? '#fff' : '#2456b8'}"
          stroke="#2456b8" stroke-width="2"/>`,
    )
    .join('');
  // Every other period is named (from the latest back): eight would not fit a small multiple.
  const labels = s.points
    .map((p, i) =>
      (s.points.length - 1 - i) % 2
        ? ''
        : `<text x="${x(i)}" y="${H - 8}" text-anchor="middle" font-size="10"
          fill="#4a5468">${shortPeriod(p.period)}</text>`,
    )
    .join('');
  const ref = s.reference
    ? `<line x1="${M.left}" x2="${W - M.right}" y1="${y(s.reference.value)}" y2="${y(s.reference.value)}"
        stroke="#8a4b00" stroke-dasharray="3 3"/>`
    : '';
  const last = [...s.points].reverse().find((p) => p.value !== null);
  const describe = s.points
    .map((p) => `${p.period}${p.partial ? ' (to date)' : ''}: ${p.value === null ? 'none' : s.format(p.value)}`)
    .join('; ');
  const label = `${s.title}: ${describe}${s.reference ? `; ${s.reference.label} ${s.format(s.reference.value)}` : ''}`;
  const latest = last?.value === undefined || last.value === null ? '–' : s.format(last.value);
  const running = last?.partial ? html` <span class="muted">${s.partialWord ?? 'to date'}</span>` : '';
  const axisLabel = (v: number) =>
    html`<text x="${M.left - 6}" y="${y(v) + 4}" text-anchor="end" font-size="10" fill="#4a5468">${s.format(v)}</text>`;
  return html`<figure class="trend" data-trend="${s.id}">
    <figcaption><span class="trend-title">${s.title}</span> <strong>${latest}</strong>${running}</figcaption>
    <svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${label}">
      <line x1="${M.left}" x2="${W - M.right}" y1="${y(bottom)}" y2="${y(bottom)}" stroke="#c7cdd8"/>
      ${axisLabel(highest)}
      ${axisLabel(bottom)}
      ${raw(ref + segments.join('') + dots + labels)}
    </svg>
    ${s.note ? html`<p class="muted small">${s.note}</p>` : ''}
  </figure>`;
};
