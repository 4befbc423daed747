import { go, currentRoute } from '../router.js';
import { html, option, type Html } from './html.js';
import { periodLabel, periodsUpTo, periodOf, progress } from './periods.js';

/**
 * The eight periods up to the current one (by the server's clock), the chosen one selected; a change is a
 * new history entry.
 */
export const periodPicker = (id: string, chosen: string, asOf: string): Html => {
  const periods = periodsUpTo(periodOf(asOf), 8).reverse();
  return html`<label class="period">Period <select id="${id}" data-testid="period" data-period-picker>
    ${periods.map((p) => option(p, periodLabel(progress(p, asOf)), p === chosen))}
  </select></label>`;
};

/** Wires the pickers under `root`: choosing a period navigates to the same page for it. */
export const onPeriodChange = (root: HTMLElement) => {
  root.querySelectorAll<HTMLSelectElement>('[data-period-picker]').forEach((select) => {
    select.addEventListener('change', () => {
      const route = currentRoute();
      go(route.path, { ...Object.fromEntries(route.query), period: select.value });
    });
  });
};
