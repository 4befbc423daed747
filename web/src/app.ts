import { createApi, isApiError, type Api } from './api.js';
import { navHtml } from './nav.js';
import { pageFor } from './pages/index.js';
import { currentRoute, type Route } from './router.js';
import { loadViewer, type Viewer } from './session.js';
import { byId, html, setHtml } from './ui/html.js';
import { section } from './ui/states.js';

const TOKEN = 'prm.token';

/** What a page gets: the API, who is looking, the route, and a signal that aborts when the user moves on. */
export interface PageContext {
  readonly api: Api;
  readonly viewer: Viewer;
  readonly route: Route;
  readonly signal: AbortSignal;
  readonly root: HTMLElement;
}

let session: { api: Api; viewer: Viewer } | undefined;
let running: AbortController | undefined;
let first = true;

/**
 * Draws the route's page; marks `#page[data-ready]` with the route once its data is on screen (tests and the
 * benchmark wait for it).
 */
const render = async () => {
  if (!session) return;
  running?.abort();
  const controller = new AbortController();
  running = controller;
  const route = currentRoute();
  const page = pageFor(route, session.viewer);
  const root = byId('page');
  root.removeAttribute('data-ready');
  document.title = `${page.title} · PRM channel console`;
  setHtml(byId('nav'), navHtml(session.viewer, route.path));
  const started = performance.now();
  const { api, viewer } = session;
  await section(root, page.title.toLowerCase(), () =>
    page.render({ api, viewer, route, signal: controller.signal, root }),
  );
  if (controller.signal.aborted) return;
  root.dataset.ready = `${route.path}?${route.query}`;
  root.dataset.renderMs = String(Math.round(performance.now() - started));
  // Moving to another page moves focus to its heading (screen readers announce it); not on first load.
  if (!first) root.querySelector<HTMLElement>('h1')?.focus();
  first = false;
};

/** Signs in with a pasted token (development), or with the session cookie a sign-in set (no token). */
const signIn = async (token?: string) => {
  const api = createApi(token, () => forget());
  const viewer = await loadViewer(api);
  if (token) sessionStorage.setItem(TOKEN, token);
  byId<HTMLInputElement>('token').value = '';
  session = { api, viewer };
  byId('sign-in').hidden = true;
  byId('page').hidden = false;
  byId('nav').hidden = false;
  byId('who').hidden = false;
  const who = byId('who').querySelector('span');
  if (who) who.textContent = viewer.description;
  await render();
};

/** Back to the sign-in form, keeping the route: signing in again lands where the user was (a deep link too). */
const forget = () => {
  sessionStorage.removeItem(TOKEN);
  session = undefined;
  running?.abort();
  for (const id of ['page', 'nav', 'who']) byId(id).hidden = true;
  byId('sign-in').hidden = false;
};

const signOut = async () => {
  // Ends the session cookie too; a pasted token is simply forgotten.
  await fetch('/auth/logout', { method: 'POST' }).catch(() => undefined);
  forget();
  history.pushState(null, '', location.pathname);
  byId('sign-in-title').focus();
};

/** What the server offers (its identity provider, one-time links, token pasting), and whether a session exists. */
interface SignInOptions {
  readonly provider: boolean;
  readonly magicLinks: boolean;
  readonly devTokenSignIn: boolean;
  readonly signedIn: boolean;
}

const sendLink = async (event: Event) => {
  event.preventDefault();
  const status = byId('link-sent');
  const email = byId<HTMLInputElement>('link-email').value.trim();
  const response = await fetch('/auth/magic-links', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ email }),
  }).catch(() => undefined);
  const answer = (await response?.json().catch(() => undefined)) as { detail?: string } | undefined;
  status.textContent =
    response?.status === 429
      ? 'Too many links asked for. Please try again in a quarter of an hour.'
      : (answer?.detail ?? 'The link could not be sent. Please try again.');
  status.hidden = false;
};

const start = () => {
  byId('sign-in-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const error = byId('sign-in-error');
    error.hidden = true;
    try {
      await signIn(byId<HTMLInputElement>('token').value.trim());
    } catch (e) {
      setHtml(
        error,
        isApiError(e) && e.status === 401
          ? html`That token is not valid (or has expired).`
          : html`Could not sign in: ${(e as Error).message}`,
      );
      error.hidden = false;
      byId('token').focus();
    }
  });
  byId('sign-out').addEventListener('click', () => void signOut());
  byId('link-form').addEventListener('submit', (event) => void sendLink(event));
  // The skip link must not become a route: it moves focus to the content instead.
  document.querySelector('[data-skip]')?.addEventListener('click', (e) => {
    e.preventDefault();
    byId('content').focus();
  });
  window.addEventListener('hashchange', () => void render());
  void fetch('/auth/options', { headers: { accept: 'application/json' } })
    .then((r) => r.json() as Promise<SignInOptions>)
    .then((options) => {
      byId('sign-in-provider').hidden = !options.provider;
      byId('link-form').hidden = !options.magicLinks;
      byId('sign-in-form').hidden = !options.devTokenSignIn;
      const saved = options.devTokenSignIn ? sessionStorage.getItem(TOKEN) : null;
      if (saved) return signIn(saved).catch(forget);
      if (options.signedIn) return signIn().catch(forget);
    });
};

start();
