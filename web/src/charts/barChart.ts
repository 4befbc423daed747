import { html, raw, escapeHtml, type Html } from '../ui/html.js';

export interface Bar {
  readonly label: string;
  readonly value: number;
  /** The value as shown beside the bar. */
  readonly display: string;
}

const W = 480;
const ROW = 24;
const LABEL = 120;
const VALUE = 150;

/** Horizontal bars as plain SVG (breakdowns: by stage, product line, region), with a text alternative. */
export const barChart = (id: string, title: string, bars: readonly Bar[]): Html => {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const H = Math.max(ROW, bars.length * ROW) + 4;
  const rows = bars
    .map((b, i) => {
      const y = i * ROW + 2;
      const width = Math.max(b.value > 0 ? 2 : 0, ((W - LABEL - VALUE) * b.value) / max);
      return `<text x="${LABEL - 8}" y="${y + 15}" text-anchor="end" font-size="12"
        fill="#1d2433">${escapeHtml(b.label)}</text>
      <rect x="${LABEL}" y="${y + 4}" width="${width}" height="${ROW - 8}" rx="3" fill="#2456b8"/>
      <text x="${LABEL + width + 6}" y="${y + 15}" font-size="12" fill="#1d2433">${escapeHtml(b.display)}</text>`;
    })
    .join('');
  const label = `${title}: ${bars.map((b) => `${b.label} ${b.display}`).join('; ')}`;
  return html`<svg class="bars" data-bars="${id}" viewBox="0 0 ${W} ${H}" role="img"
    aria-label="${label}">${raw(rows)}</svg>`;
};
