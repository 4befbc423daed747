import { html, type Html } from './html.js';

/** A titled card whose body (`#id`) a section of the page fills; the heading names the region. */
export const card = (id: string, title: string): Html => {
  const heading = html`<h2 id="${id}-title">${title}</h2>`;
  return html`<section class="card" aria-labelledby="${id}-title">${heading}<div id="${id}"></div></section>`;
};
