/**
 * The console's routes live in the URL's fragment (`#/partners/ptr_…?period=2026-Q2`): the paths
 * belong to the API. Deep links work, and so do back and forward (each `go` is a history entry);
 * a page's filters are kept in the query with `replaceQuery`, which adds none.
 */
export interface Route {
  /** `/partners/ptr_x` */
  readonly path: string;
  readonly segments: readonly string[];
  readonly query: URLSearchParams;
}

export const parseRoute = (hash: string): Route => {
  const body = hash.replace(/^#/, '');
  const [path = '', search = ''] = body.split('?', 2);
  const clean = `/${path
    .split('/')
    .filter(Boolean)
    .map((s) => decodeURIComponent(s))
    .join('/')}`;
  return { path: clean, segments: clean.split('/').filter(Boolean), query: new URLSearchParams(search) };
};

export const currentRoute = (): Route => parseRoute(location.hash);

export const href = (path: string, query: Record<string, string | undefined | null> = {}): string => {
  const q = new URLSearchParams(
    Object.entries(query).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''),
  );
  const encoded = path
    .split('/')
    .map((s) => encodeURIComponent(s))
    .join('/');
  return `#${encoded}${q.size ? `?${q}` : ''}`;
};

/** A new history entry (fires `hashchange`, so the router renders it). */
export const go = (path: string, query: Record<string, string | undefined | null> = {}) => {
  location.hash = href(path, query);
};

/** Changes the current route's query without a history entry or a render (filters, sorting). */
export const replaceQuery = (changes: Record<string, string | undefined | null>) => {
  const route = currentRoute();
  const query = Object.fromEntries(route.query);
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined || v === null || v === '') delete query[k];
    else query[k] = v;
  }
  history.replaceState(history.state, '', href(route.path, query));
};
