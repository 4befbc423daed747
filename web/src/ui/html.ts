/**
 * HTML built from tagged templates: every interpolated value is escaped unless it is itself `Html`
 * (made by `html` or `raw`), so API data can never inject markup.
 */
export interface Html {
  readonly __html: string;
}
type Value = Html | string | number | boolean | null | undefined | readonly Value[];

export const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

const isHtml = (v: unknown): v is Html => typeof v === 'object' && v !== null && '__html' in v;

const text = (v: Value): string => {
  if (v === null || v === undefined || v === false) return '';
  if (Array.isArray(v)) return v.map(text).join('');
  if (isHtml(v)) return v.__html;
  return escapeHtml(String(v));
};

export const html = (strings: TemplateStringsArray, ...values: Value[]): Html => {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += text(values[i]) + strings[i + 1];
  return { __html: out };
};

/** Markup we wrote ourselves (never API data). */
export const raw = (s: string): Html => ({ __html: s });

/** An `<option>`, marked `selected` when it is the chosen one. */
export const option = (value: string, label: Html | string, selected: boolean): Html =>
  html`<option value="${value}" ${selected ? raw('selected') : ''}>${label}</option>`;

export const setHtml = (el: Element, content: Html) => {
  el.innerHTML = content.__html;
};

export const byId = <T extends HTMLElement = HTMLElement>(id: string, root: ParentNode = document): T => {
  const el = root.querySelector<T>(`#${CSS.escape(id)}`);
  if (!el) throw new Error(`#${id} is missing`);
  return el;
};
