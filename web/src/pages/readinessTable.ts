import type { Partner } from '../types.js';
import { count, label } from '../ui/format.js';
import { html, setHtml } from '../ui/html.js';
import { dataTable } from '../ui/table.js';

interface Line {
  readonly line: string;
  readonly certified: number;
  readonly ready: boolean;
}

/** Readiness per product line: validly certified current employees, ready at the channel's minimum. */
export const readinessTable = (el: HTMLElement, partner: Partner) => {
  const lines: Line[] = Object.entries(partner.readiness).map(([line, r]) => ({
    line,
    certified: r.certified,
    ready: r.ready,
  }));
  const ready = html`<strong>${count(partner.readyProductLines.length)} of ${count(lines.length)}</strong>`;
  setHtml(el, html`<p>Ready to sell ${ready} product lines now.</p><div id="readiness-table"></div>`);
  dataTable<Line>(
    el.querySelector('#readiness-table') as HTMLElement,
    {
      id: 'readiness-lines',
      caption: 'Readiness per product line',
      csvName: `readiness-${partner.id}`,
      rowKey: (l) => l.line,
      sort: { key: 'line', dir: 'asc' },
      columns: [
        { key: 'line', label: 'Product line', value: (l) => l.line, cell: (l) => label(l.line) },
        { key: 'certified', label: 'Certified people', numeric: true, value: (l) => l.certified },
        {
          key: 'ready',
          label: 'Ready',
          value: (l) => (l.ready ? 'yes' : 'no'),
          cell: (l) =>
            html`<span class="state ${l.ready ? 'valid' : 'expired'}">${l.ready ? 'ready' : 'not ready'}</span>`,
        },
      ],
    },
    lines,
  );
};
