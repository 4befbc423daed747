import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type Provider from 'oidc-provider';

const hidden = { config: { public: true }, schema: { hide: true } } as const;
const MOUNT = '/oidc';

/**
 * Everything under `/oidc` (discovery, JWKS, authorize, token, userinfo, revocation, end session) is
 * oidc-provider's own: the request goes to it untouched (body unread), with the mount path stripped as
 * its router expects; `originalUrl` keeps the full path, from which it derives its mount path.
 */
export const providerRoutes = async (app: FastifyInstance, provider: Provider) => {
  const handle = provider.callback();
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    // Leave the body to oidc-provider, which parses forms and JSON itself.
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null));
    scope.route({
      method: ['GET', 'POST'],
      url: `${MOUNT}/*`,
      ...hidden,
      handler: (request, reply) => {
        reply.hijack();
        const raw = request.raw as IncomingMessage & { originalUrl?: string };
        raw.originalUrl = raw.url;
        raw.url = (raw.url ?? '/').slice(MOUNT.length) || '/';
        void handle(raw, reply.raw);
      },
    });
  });
};
