import type { Viewer } from './session.js';
import { href } from './router.js';
import { html, type Html } from './ui/html.js';

/**
 * The main navigation per viewer. Each entry says who gets it; leads and business plans (a later
 * issue) join here with a line each, shown when the viewer may use them.
 */
interface Entry {
  readonly path: string;
  readonly label: string;
  readonly for: (v: Viewer) => boolean;
}

const entries: readonly Entry[] = [
  { path: '/', label: 'Overview', for: (v) => v.vendor },
  { path: '/partners', label: 'Partners', for: (v) => v.vendor },
  { path: '/pipeline', label: 'Pipeline', for: (v) => v.vendor },
  { path: '/home', label: 'My partner', for: (v) => v.partner !== undefined },
];

/** The entry a path belongs to: the longest matching prefix. */
const owner = (path: string, list: readonly Entry[]) =>
  [...list]
    .sort((a, b) => b.path.length - a.path.length)
    .find((e) => (e.path === '/' ? path === '/' : path === e.path || path.startsWith(`${e.path}/`)));

export const navHtml = (v: Viewer, at: string): Html => {
  const mine = entries.filter((e) => e.for(v));
  // A partner person's start page is their home.
  const path = !v.vendor && at === '/' ? '/home' : at;
  const current = owner(path, mine);
  const item = (e: Entry) =>
    html`<li><a href="${href(e.path)}" ${e === current ? html`aria-current="page"` : ''}>${e.label}</a></li>`;
  return html`<ul>${mine.map(item)}</ul>`;
};
