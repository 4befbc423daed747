import type { FastifyInstance } from 'fastify';

/** A route's URL as a pattern over raw paths: `:param` is one segment, `*` the rest. */
const patternOf = (url: string) =>
  new RegExp(
    `^${url
      .split(/(:\w+|\*)/)
      .map((part) =>
        part === '*' ? '.*' : part.startsWith(':') ? '[^/]+' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'),
      )
      .join('')}/?$`,
  );

/**
 * The methods each path answers, learnt from the routes as they are added (call before adding any):
 * a request for a known path with another method is `405` with `Allow`, not a `404`.
 */
export const trackAllowedMethods = (app: FastifyInstance) => {
  const routes: { pattern: RegExp; methods: Set<string> }[] = [];
  const byUrl = new Map<string, Set<string>>();
  app.addHook('onRoute', (route) => {
    let methods = byUrl.get(route.url);
    if (!methods) {
      methods = new Set();
      byUrl.set(route.url, methods);
      routes.push({ pattern: patternOf(route.url), methods });
    }
    for (const m of [route.method].flat()) methods.add(m);
  });
  /** The methods a raw path (no query) answers to; empty when no route has that path. */
  return (path: string): string[] => {
    const allowed = new Set<string>();
    for (const r of routes) if (r.pattern.test(path)) for (const m of r.methods) allowed.add(m);
    return [...allowed].sort();
  };
};
