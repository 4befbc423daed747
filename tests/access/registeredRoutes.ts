import type { FastifyInstance } from 'fastify';

export interface RegisteredRoute {
  readonly method: string;
  readonly url: string;
}

/**
 * Every route the app registered, read from `printRoutes` (a radix tree: a route's url is the
 * concatenation of the segments on its path, e.g. `/me` + `trics`). Each result is checked with
 * `hasRoute`, so a misread tree fails loudly instead of hiding a route. HEAD routes that fastify adds
 * for every GET are left out: they answer exactly as the GET does.
 */
export const registeredRoutes = (app: FastifyInstance): RegisteredRoute[] => {
  const tree = app.printRoutes({ commonPrefix: false });
  const stack: string[] = [];
  const found = new Map<string, RegisteredRoute>();
  for (const line of tree.split('\n')) {
    const m = /^((?:[│ ] {3})*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1].length / 4;
    stack.length = depth;
    stack.push(m[2]);
    if (!m[3]) continue;
    const url = stack.join('');
    const methods = m[3].split(',').map((s) => s.trim());
    for (const method of methods) {
      if (method === 'HEAD' && methods.includes('GET')) continue;
      found.set(`${method} ${url}`, { method, url });
    }
  }
  // The tree prints a wildcard under the shortest shared prefix (`/docs/` + `*` for `/docs/static/*`):
  // find the real one among the directories of the routes under that prefix.
  for (const [key, route] of found) {
    if (!route.url.endsWith('*') || app.hasRoute({ method: route.method as 'GET', url: route.url })) continue;
    const prefix = route.url.slice(0, -1);
    // Every directory above each route under that prefix (`/oidc/*` is above `/oidc/interaction/:uid`).
    const directories = (url: string) =>
      [...url.matchAll(/\//g)].map((m) => `${url.slice(0, (m.index ?? 0) + 1)}*`).reverse();
    const real = [...found.values()]
      .filter((r) => r.url.startsWith(prefix) && r.url !== route.url)
      .flatMap((r) => directories(r.url))
      .find(
        (url) =>
          url.startsWith(prefix) &&
          ![...found.values()].some((r) => r.method === route.method && r.url === url) &&
          app.hasRoute({ method: route.method as 'GET', url }),
      );
    if (real) found.set(key, { method: route.method, url: real });
  }
  const routes = [...found.values()];
  const misread = routes.filter((r) => !app.hasRoute({ method: r.method as 'GET', url: r.url }));
  if (misread.length)
    throw new Error(`printRoutes was misread: ${misread.map((r) => `${r.method} ${r.url}`).join(', ')}`);
  return routes.sort((a, b) => a.url.localeCompare(b.url) || a.method.localeCompare(b.method));
};
