import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { transform } from 'esbuild';
import type { FastifyInstance } from 'fastify';

const root = new URL('.', import.meta.url).pathname;
// Only what the page itself loads: nothing else under web/ is ever served.
const policy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'";

/**
 * The web dashboard at `/`: public static files (the API calls carry the token the user pastes).
 * TypeScript modules under web/src are transpiled by esbuild on first request and kept in memory.
 */
export const webRoutes = (app: FastifyInstance) => {
  const modules = new Map<string, Promise<string>>();
  const options = { config: { public: true }, schema: { hide: true } };
  const file = (name: string, type: string) => async (_request: unknown, reply: import('fastify').FastifyReply) =>
    reply.header('content-type', type).header('content-security-policy', policy).header('cache-control', 'no-cache').send(await readFile(join(root, name)));

  app.get('/', options, file('index.html', 'text/html; charset=utf-8'));
  app.get('/styles.css', options, file('styles.css', 'text/css; charset=utf-8'));
  app.get<{ Params: { name: string } }>('/src/:name', options, async (request, reply) => {
    const m = /^([a-zA-Z]{1,40})\.js$/.exec(request.params.name);
    if (!m) return reply.code(404).type('text/plain').send('not found');
    let code = modules.get(m[1]);
    if (!code) {
      code = readFile(join(root, 'src', `${m[1]}.ts`), 'utf8').then(async (source) => (await transform(source, { loader: 'ts', format: 'esm', target: 'es2022' })).code);
      modules.set(m[1], code);
      code.catch(() => modules.delete(m[1]));
    }
    try {
      return reply.header('content-type', 'text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(await code);
    } catch {
      return reply.code(404).type('text/plain').send('not found');
    }
  });
};
