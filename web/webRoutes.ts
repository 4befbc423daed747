import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { transform } from 'esbuild';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { problem, sendProblem } from '../http/problem.js';

const root = new URL('.', import.meta.url).pathname;
// Only what the page itself loads: nothing else under web/ is ever served.
const policy = [
  "default-src 'self'",
  "img-src 'self' data:",
  "style-src 'self'",
  "script-src 'self'",
  "connect-src 'self'",
  "frame-ancestors 'none'",
].join('; ');
/** `src/<name>.js` or `src/<folder>/<name>.js`, letters only: no dots, so nothing outside web/src. */
const modulePath = /^(?:(charts|pages|ui)\/)?([a-zA-Z]{1,40})\.js$/;
/** A miss is a problem like any other, and names nothing it looked for. */
const notFound = (reply: FastifyReply) => sendProblem(reply, problem(404, 'not_found', 'no such file of the console'));

/**
 * The channel console at `/`: public static files (the API calls carry the token the user pastes).
 * TypeScript modules under web/src are transpiled by esbuild on first request and kept in memory.
 * The console's own routes live in the URL's fragment (`/#/partners/…`): the paths belong to the API.
 */
export const webRoutes = (app: FastifyInstance) => {
  const modules = new Map<string, Promise<string>>();
  const options = { config: { public: true }, schema: { hide: true } };
  const file = (name: string, type: string) => async (_request: unknown, reply: FastifyReply) =>
    reply
      .header('content-type', type)
      .header('content-security-policy', policy)
      .header('cache-control', 'no-cache')
      .send(await readFile(join(root, name)));

  app.get('/', options, file('index.html', 'text/html; charset=utf-8'));
  app.get('/styles.css', options, file('styles.css', 'text/css; charset=utf-8'));
  // Browsers ask for /favicon.ico on every page: answer it (an SVG) rather than a 401.
  app.get('/favicon.ico', options, file('favicon.svg', 'image/svg+xml'));
  app.get('/favicon.svg', options, file('favicon.svg', 'image/svg+xml'));
  const serveModule = async (path: string, reply: FastifyReply) => {
    const m = modulePath.exec(path);
    if (!m) return notFound(reply);
    const name = m[1] ? `${m[1]}/${m[2]}` : m[2];
    let code = modules.get(name);
    if (!code) {
      code = readFile(join(root, 'src', `${name}.ts`), 'utf8').then(
        async (source) => (await transform(source, { loader: 'ts', format: 'esm', target: 'es2022' })).code,
      );
      modules.set(name, code);
      code.catch(() => modules.delete(name));
    }
    try {
      return reply
        .header('content-type', 'text/javascript; charset=utf-8')
        .header('cache-control', 'no-cache')
        .send(await code);
    } catch {
      return notFound(reply);
    }
  };
  // `:entry` is a module or a folder (one name: the router keeps one parameter per position).
  app.get<{ Params: { entry: string } }>('/src/:entry', options, async (request, reply) =>
    serveModule(request.params.entry, reply),
  );
  app.get<{ Params: { entry: string; name: string } }>('/src/:entry/:name', options, async (request, reply) =>
    serveModule(`${request.params.entry}/${request.params.name}`, reply),
  );
};
