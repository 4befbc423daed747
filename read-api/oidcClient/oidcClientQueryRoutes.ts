import type { FastifyInstance } from 'fastify';
import * as E from 'fp-ts/lib/Either.js';
import { z } from 'zod';
import { hasVendorRole, isVendorAdmin } from '../../domain/access/index.js';
import { OidcClientId, OidcScope } from '../../domain/oidcClient/index.js';
import { domainError } from '../../domain/shared/index.js';
import { InstantOut, named, pageOf } from '../../http/contract.js';
import { answer, queryRoute } from '../../http/routes.js';
import { Limit, StringCursor, toPage } from '../pagination.js';
import type { QueryDeps } from '../queryDeps.js';

const OidcClientOut = named(
  'OidcClient',
  z.object({
    id: OidcClientId,
    name: z.string(),
    redirectUris: z.array(z.string()),
    scopes: z.array(OidcScope),
    registeredAt: InstantOut,
    registeredBy: z.string(),
  }),
);

/** `GET /oidc-clients`: the partner apps of the PRM's provider (vendor admins and auditors; never a secret). */
export const oidcClientQueryRoutes = (app: FastifyInstance, deps: QueryDeps) => {
  queryRoute(
    app,
    {
      method: 'GET',
      url: '/oidc-clients',
      summary: 'Partner apps registered with the PRM identity provider',
      tags: ['identity'],
      query: z.strictObject({ limit: Limit, cursor: StringCursor.optional() }),
      response: pageOf('OidcClientPage', OidcClientOut),
      problems: [403],
    },
    async ({ query, principal }) => {
      if (!isVendorAdmin(principal) && !hasVendorRole(principal, 'auditor'))
        return E.left(domainError('forbidden', 'only vendor admins and auditors see the registered apps'));
      let q = deps.readModels.selectFrom('oidc_clients').selectAll();
      if (query.cursor) q = q.where('client_id', '>', query.cursor);
      const rows = await q
        .orderBy('client_id')
        .limit(query.limit + 1)
        .execute();
      const view = (r: (typeof rows)[number]): z.input<typeof OidcClientOut> => ({
        id: r.client_id,
        name: r.name,
        redirectUris: JSON.parse(r.redirect_uris) as string[],
        scopes: JSON.parse(r.scopes) as OidcScope[],
        registeredAt: r.registered_at,
        registeredBy: r.registered_by,
      });
      return E.right(answer(toPage(rows, query.limit, view, (r) => r.client_id)));
    },
  );
};
