import type { FastifyInstance } from 'fastify';
import * as E from 'fp-ts/lib/Either.js';
import { z } from 'zod';
import { hasVendorRole, isVendorAdmin, type Principal } from '../../domain/access/index.js';
import { ApiClientRole } from '../../domain/apiClient/index.js';
import { ApiClientId, domainError, Slug } from '../../domain/shared/index.js';
import { InstantOut, named, pageOf } from '../../http/contract.js';
import { answer, queryRoute } from '../../http/routes.js';
import type { Database } from '../../projections/readModels/database.js';
import { Limit, StringCursor, toPage } from '../pagination.js';
import type { QueryDeps } from '../queryDeps.js';

const ApiClientOut = named(
  'ApiClient',
  z.object({
    id: ApiClientId,
    name: z.string(),
    roles: z.array(ApiClientRole),
    regions: z.array(Slug).nullable(),
    status: z.enum(['active', 'revoked']),
    createdAt: InstantOut,
    createdBy: z.string(),
    rotatedAt: InstantOut.nullable(),
    revokedAt: InstantOut.nullable(),
    keys: z.array(
      z.object({
        prefix: z.string().describe('the first characters of the key, never the key'),
        createdAt: InstantOut,
        validUntil: InstantOut.nullable(),
      }),
    ),
    version: z.number().int(),
  }),
);

/** Vendor admins and auditors see the service accounts (never a key); other callers may not. */
const maySee = (p: Principal) =>
  isVendorAdmin(p) || hasVendorRole(p, 'auditor')
    ? E.right(true)
    : E.left(domainError('forbidden', 'only vendor admins and auditors see API clients'));

export const apiClientQueryRoutes = (app: FastifyInstance, deps: QueryDeps) => {
  const db = deps.readModels;
  const view = async (rows: Database['api_clients'][]) => {
    const keys = rows.length
      ? await db
          .selectFrom('api_client_keys')
          .selectAll()
          .where(
            'client_id',
            'in',
            rows.map((r) => r.client_id),
          )
          .orderBy('created_at')
          .execute()
      : [];
    return (r: Database['api_clients']): z.input<typeof ApiClientOut> => ({
      id: r.client_id,
      name: r.name,
      roles: JSON.parse(r.roles) as ApiClientRole[],
      regions: r.regions === null ? null : (JSON.parse(r.regions) as string[]),
      status: r.status as 'active' | 'revoked',
      createdAt: r.created_at,
      createdBy: r.created_by,
      rotatedAt: r.rotated_at,
      revokedAt: r.revoked_at,
      keys: keys
        .filter((k) => k.client_id === r.client_id)
        .map((k) => ({ prefix: k.key_prefix, createdAt: k.created_at, validUntil: k.valid_until })),
      version: Number(r.version),
    });
  };

  queryRoute(
    app,
    {
      method: 'GET',
      url: '/api-clients',
      summary: 'API clients (service accounts) and their keys’ prefixes and validity',
      tags: ['api-clients'],
      query: z.strictObject({ limit: Limit, cursor: StringCursor.optional() }),
      response: pageOf('ApiClientPage', ApiClientOut),
      problems: [403],
    },
    async ({ query, principal }) => {
      const allowed = maySee(principal);
      if (E.isLeft(allowed)) return allowed;
      let q = db.selectFrom('api_clients').selectAll();
      if (query.cursor) q = q.where('client_id', '>', query.cursor);
      const rows = await q
        .orderBy('client_id')
        .limit(query.limit + 1)
        .execute();
      const toView = await view(rows.slice(0, query.limit));
      return E.right(answer(toPage(rows, query.limit, toView, (r) => r.client_id)));
    },
  );

  queryRoute(
    app,
    {
      method: 'GET',
      url: '/api-clients/:id',
      summary: 'One API client',
      tags: ['api-clients'],
      params: z.strictObject({ id: ApiClientId }),
      response: ApiClientOut,
      versioned: true,
      problems: [403],
    },
    async ({ params, principal }) => {
      const allowed = maySee(principal);
      if (E.isLeft(allowed)) return allowed;
      const row = await db.selectFrom('api_clients').selectAll().where('client_id', '=', params.id).executeTakeFirst();
      if (!row) return E.left(domainError('not_found', 'API client not found'));
      const toView = await view([row]);
      return E.right(answer(toView(row), Number(row.version)));
    },
  );
};
