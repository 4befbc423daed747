import { replaceQuery, currentRoute } from '../router.js';
import { download, toCsv, type Cell } from './csv.js';
import { count, major, plural, type Money } from './format.js';
import { html, option, setHtml, type Html } from './html.js';

export interface Column<T> {
  readonly key: string;
  readonly label: string;
  readonly numeric?: boolean;
  /** Sort key and CSV value; null sorts last either way. */
  readonly value: (r: T) => string | number | null;
  /** Money: sorted by amount, exported as two CSV columns (major units, currency). */
  readonly money?: (r: T) => Money | null;
  readonly cell?: (r: T) => Html | string;
  /** Cells that may wrap (lists); others stay on one line. */
  readonly wrap?: boolean;
}

export interface Filter<T> {
  readonly key: string;
  readonly label: string;
  readonly options: readonly { readonly value: string; readonly label: string }[];
  readonly test: (r: T, value: string) => boolean;
}

export interface TableSpec<T> {
  /** DOM id and test id of the table; its filters' ids start with it. */
  readonly id: string;
  readonly caption: string;
  readonly columns: readonly Column<T>[];
  readonly rowKey: (r: T) => string;
  readonly search?: { readonly label: string; readonly text: (r: T) => string };
  readonly filters?: readonly Filter<T>[];
  readonly sort?: { readonly key: string; readonly dir: 'asc' | 'desc' };
  readonly csvName: string;
  /** Rows drawn before "Show more" (default 200): a long table stays quick to draw. */
  readonly pageSize?: number;
  readonly empty?: string;
  /**
   * Prefix of the table's state (search, filters, sort) in the route's query, so a link or back
   * restores it: '' for a page's main table, undefined to keep no state.
   */
  readonly statePrefix?: string;
  /** Where a click anywhere on a row leads (its first link says the same to the keyboard). */
  readonly rowHref?: (r: T) => string;
}

const compare = (a: string | number | null, b: string | number | null) => {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0;
};

/**
 * A table with search, filters, sortable headings (buttons: keyboard and screen readers), a row
 * count, "Show more" for long lists and CSV export of every filtered row. `update` swaps the rows.
 */
export const dataTable = <T>(el: HTMLElement, spec: TableSpec<T>, initialRows: readonly T[]) => {
  let rows = initialRows;
  const key = (k: string) => `${spec.statePrefix ?? ''}${k}`;
  const query = spec.statePrefix === undefined ? new URLSearchParams() : currentRoute().query;
  const state = {
    q: query.get(key('q')) ?? '',
    filters: Object.fromEntries((spec.filters ?? []).map((f) => [f.key, query.get(key(f.key)) ?? ''])),
    sort: query.get(key('sort'))?.replace(/^-/, '') ?? spec.sort?.key ?? spec.columns[0].key,
    dir: (query.get(key('sort'))?.startsWith('-')
      ? 'desc'
      : query.get(key('sort'))
        ? 'asc'
        : (spec.sort?.dir ?? 'asc')) as 'asc' | 'desc',
    shown: spec.pageSize ?? 200,
  };
  const save = () => {
    if (spec.statePrefix === undefined) return;
    const sortDefault =
      state.sort === (spec.sort?.key ?? spec.columns[0].key) && state.dir === (spec.sort?.dir ?? 'asc');
    replaceQuery({
      [key('q')]: state.q,
      ...Object.fromEntries(Object.entries(state.filters).map(([k, v]) => [key(k), v])),
      [key('sort')]: sortDefault ? '' : `${state.dir === 'desc' ? '-' : ''}${state.sort}`,
    });
  };

  const visible = () => {
    const q = state.q.trim().toLowerCase();
    const column = spec.columns.find((c) => c.key === state.sort) ?? spec.columns[0];
    const sortValue = (r: T) => (column.money ? (column.money(r)?.amountMinor ?? null) : column.value(r));
    const dir = state.dir === 'asc' ? 1 : -1;
    return rows
      .filter(
        (r) =>
          (!q || (spec.search?.text(r) ?? '').toLowerCase().includes(q)) &&
          (spec.filters ?? []).every((f) => !state.filters[f.key] || f.test(r, state.filters[f.key])),
      )
      .map((r) => ({ r, v: sortValue(r) }))
      .sort(
        (a, b) =>
          (a.v === null || b.v === null ? compare(a.v, b.v) : compare(a.v, b.v) * dir) ||
          compare(spec.rowKey(a.r), spec.rowKey(b.r)),
      )
      .map((x) => x.r);
  };

  const search = spec.search
    ? html`<label>${spec.search.label} <input type="search" id="${spec.id}-q" value="${state.q}"
      autocomplete="off"></label>`
    : '';
  const filter = (f: Filter<T>) => {
    const options = f.options.map((o) => option(o.value, o.label, state.filters[f.key] === o.value));
    return html`<label>${f.label} <select id="${spec.id}-${f.key}" data-filter="${f.key}">
      <option value="">All</option>${options}</select></label>`;
  };
  const tools = html`<div class="table-tools">
    ${search}
    ${(spec.filters ?? []).map(filter)}
    <span class="count" role="status" id="${spec.id}-count"></span>
    <button type="button" class="secondary" data-csv>Export CSV</button>
  </div>
  <div class="table-wrap"><table id="${spec.id}" data-testid="${spec.id}"></table></div>
  <p class="more"><button type="button" class="secondary" data-more hidden>Show more</button></p>`;
  setHtml(el, tools);
  const table = el.querySelector('table') as HTMLTableElement;
  const more = el.querySelector<HTMLButtonElement>('[data-more]') as HTMLButtonElement;

  const draw = () => {
    const list = visible();
    const drawn = list.slice(0, state.shown);
    const head = spec.columns.map((c) => {
      const sort = c.key === state.sort ? (state.dir === 'asc' ? 'ascending' : 'descending') : 'none';
      const button = html`<button type="button" data-sort="${c.key}">${c.label}</button>`;
      const numeric = c.numeric ? 'num' : '';
      return html`<th scope="col" data-key="${c.key}" aria-sort="${sort}" class="${numeric}">${button}</th>`;
    });
    const cell = (r: T, c: Column<T>) => {
      const classes = [c.numeric ? 'num' : '', c.wrap ? 'wrap' : ''].join(' ').trim();
      return html`<td data-col="${c.key}" class="${classes}">${c.cell ? c.cell(r) : String(c.value(r) ?? '–')}</td>`;
    };
    const body = drawn.map((r) => {
      const link = spec.rowHref ? html`data-href="${spec.rowHref(r)}" class="link-row"` : '';
      return html`<tr data-id="${spec.rowKey(r)}" ${link}>${spec.columns.map((c) => cell(r, c))}</tr>`;
    });
    const nothing = rows.length ? 'Nothing matches these filters.' : (spec.empty ?? 'Nothing here yet.');
    const empty =
      list.length === 0 ? html`<tr><td colspan="${spec.columns.length}" class="empty">${nothing}</td></tr>` : '';
    const caption = html`<caption class="sr-only">${spec.caption}</caption>`;
    setHtml(table, html`${caption}<thead><tr>${head}</tr></thead><tbody>${body}${empty}</tbody>`);
    (el.querySelector(`#${spec.id}-count`) as HTMLElement).textContent =
      list.length === rows.length
        ? plural(rows.length, 'row')
        : `${count(list.length)} of ${plural(rows.length, 'row')}`;
    more.hidden = list.length <= state.shown;
    const rest = list.length - state.shown;
    more.textContent = more.hidden
      ? ''
      : `Show ${count(Math.min(spec.pageSize ?? 200, rest))} more (${count(rest)} not shown)`;
  };

  const csv = () => {
    const header: string[] = [];
    for (const c of spec.columns) header.push(...(c.money ? [c.label, `${c.label} currency`] : [c.label]));
    const body = visible().map((r) =>
      spec.columns.flatMap((c): Cell[] => (c.money ? [major(c.money(r)), c.money(r)?.currency ?? null] : [c.value(r)])),
    );
    download(`${spec.csvName}.csv`, toCsv(header, body));
  };

  el.addEventListener('input', (e) => {
    const target = e.target as HTMLInputElement;
    if (target.id !== `${spec.id}-q`) return;
    state.q = target.value;
    state.shown = spec.pageSize ?? 200;
    save();
    draw();
  });
  el.addEventListener('change', (e) => {
    const target = e.target as HTMLSelectElement;
    if (!target.dataset.filter) return;
    state.filters[target.dataset.filter] = target.value;
    state.shown = spec.pageSize ?? 200;
    save();
    draw();
  });
  el.addEventListener('click', (e) => {
    const target = (e.target as HTMLElement).closest<HTMLElement>('[data-sort], [data-csv], [data-more]');
    const row = (e.target as HTMLElement).closest<HTMLElement>('tr[data-href]');
    if (!target && row && !(e.target as HTMLElement).closest('a, button, input, select'))
      location.hash = row.dataset.href ?? '';
    if (!target || !el.contains(target)) return;
    if (target.dataset.sort) {
      const k = target.dataset.sort;
      if (k === state.sort) state.dir = state.dir === 'asc' ? 'desc' : 'asc';
      else {
        state.sort = k;
        state.dir = spec.columns.find((c) => c.key === k)?.numeric ? 'desc' : 'asc';
      }
      save();
      draw();
      el.querySelector<HTMLButtonElement>(`[data-sort="${k}"]`)?.focus();
    } else if (target.hasAttribute('data-csv')) csv();
    else {
      state.shown += spec.pageSize ?? 200;
      draw();
    }
  });
  draw();
  return {
    update: (next: readonly T[]) => {
      rows = next;
      draw();
    },
    visibleRows: visible,
  };
};
