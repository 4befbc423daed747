import { html, type Html } from './html.js';

export interface CardOptions {
  /** A class besides `card`. */
  readonly className?: string;
  /** A test id on the body. */
  readonly testId?: string;
  /** The heading's id, when not `<id>-title`. */
  readonly titleId?: string;
}

/** A titled card whose body (`#id`) a section of the page fills; the heading names the region. */
export const card = (id: string, title: Html | string, options: CardOptions = {}): Html => {
  const titleId = options.titleId ?? `${id}-title`;
  const heading = html`<h2 id="${titleId}">${title}</h2>`;
  const classes = options.className ? `card ${options.className}` : 'card';
  const testId = options.testId ? html` data-testid="${options.testId}"` : '';
  const body = html`<div id="${id}"${testId}></div>`;
  return html`<section class="${classes}" aria-labelledby="${titleId}">${heading}${body}</section>`;
};
