import { html, type Html } from './html.js';

/** One KPI tile: a label, the figure, and a line saying what it is measured against. */
export const tile = (id: string, label: string, value: string, sub: Html | string): Html =>
  html`<div class="tile" data-tile="${id}"><p class="label">${label}</p><p class="value">${value}</p><p
    class="sub">${sub}</p></div>`;

export const tiles = (list: readonly Html[]): Html => html`<div class="tiles" data-testid="tiles">${list}</div>`;
