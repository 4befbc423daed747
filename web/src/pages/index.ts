import type { PageContext } from '../app.js';
import { href, type Route } from '../router.js';
import type { Viewer } from '../session.js';
import { html, setHtml } from '../ui/html.js';
import { homePage } from './homePage.js';
import { overviewPage } from './overview.js';
import { partnerPage } from './partnerPage.js';
import { partnersPage } from './partnersPage.js';
import { pipelinePage } from './pipelinePage.js';

export interface Page {
  readonly title: string;
  readonly render: (ctx: PageContext) => Promise<void>;
}

const notFound: Page = {
  title: 'Not found',
  render: async ({ root }) => {
    const back = html`<a href="${href('/')}">Back to the start</a>`;
    setHtml(root, html`<h1 tabindex="-1">Not found</h1><p>There is no such page here. ${back}.</p>`);
  },
};

/**
 * The page for a route and viewer. Vendor staff start on the overview; partner people on their home
 * (and may open their own partner's page). Leads and business plans add their routes here.
 */
export const pageFor = (route: Route, viewer: Viewer): Page => {
  const [first, second, ...rest] = route.segments;
  if (rest.length) return notFound;
  if (first === undefined) return viewer.vendor ? overviewPage : homePage;
  if (first === 'home' && !second) return homePage;
  if (first === 'partners' && second) return partnerPage;
  if (!viewer.vendor) return notFound;
  if (first === 'partners') return partnersPage;
  if (first === 'pipeline' && !second) return pipelinePage;
  return notFound;
};
