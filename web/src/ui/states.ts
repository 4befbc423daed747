import { isAbort, isApiError } from '../api.js';
import { html, setHtml, type Html } from './html.js';

export const loading = (what: string): Html =>
  html`<p class="loading" role="status"><span class="spinner" aria-hidden="true"></span> Loading ${what}…</p>`;

const message = (e: unknown): string => {
  if (isApiError(e)) {
    if (e.status === 404) return 'Not found, or not visible to you.';
    if (e.status === 403) return 'Not available to your role.';
    return `The server answered ${e.status}: ${e.message}`;
  }
  return e instanceof Error ? e.message : String(e);
};

/**
 * A part of a page with its own loading and error states: shows "Loading …", runs `load` (which draws
 * into `el`), and on failure says why with a Retry button. Resolves once the part has settled; an
 * aborted load (the user moved on) settles silently.
 */
export const section = async (el: HTMLElement, what: string, load: () => Promise<void>): Promise<void> => {
  el.setAttribute('aria-busy', 'true');
  delete el.dataset.failed;
  setHtml(el, loading(what));
  try {
    await load();
  } catch (e) {
    if (isAbort(e)) return;
    const retry = html`<button type="button" class="secondary" data-retry>Retry</button>`;
    setHtml(el, html`<div class="error-box" role="alert"><p>Could not load ${what}. ${message(e)}</p>${retry}</div>`);
    el.querySelector('[data-retry]')?.addEventListener('click', () => void section(el, what, load));
    el.dataset.failed = 'true';
  } finally {
    el.removeAttribute('aria-busy');
  }
};
