import type { FastifyInstance } from 'fastify';
import * as E from 'fp-ts/lib/Either.js';
import { z } from 'zod';
import { ContentKind } from '../../domain/content/index.js';
import { ContentId, domainError, PartnerId, PersonId } from '../../domain/shared/index.js';
import { answer, queryRoute } from '../../http/routes.js';
import { Limit, StringCursor, toPage } from '../pagination.js';
import type { QueryDeps } from '../queryDeps.js';
import { inspectsVisibility, seesAllContent } from './contentAccess.js';
import { AudienceMemberPage, ContentOut, ContentPage, contentView } from './contentView.js';

const ContentParams = z.strictObject({ id: ContentId });
const ListQuery = z.strictObject({
  kind: ContentKind.optional(),
  status: z.enum(['published', 'retired']).optional(),
  limit: Limit,
  cursor: StringCursor.optional(),
});

export const contentQueryRoutes = (app: FastifyInstance, deps: QueryDeps) => {
  const db = deps.readModels;
  /** Rows of items visible to a person now: a certification's expiry ends visibility at that instant. */
  const visibleTo = (personId: string) =>
    db
      .selectFrom('access_visible_content as v')
      .innerJoin('access_contents as c', 'c.content_id', 'v.content_id')
      .selectAll('c')
      .select('v.valid_until')
      .where('v.person_id', '=', personId)
      .where((eb) => eb.or([eb('v.valid_until', 'is', null), eb('v.valid_until', '>', deps.now().toISOString())]));

  queryRoute(
    app,
    {
      method: 'GET',
      url: '/content',
      summary: 'Content the caller can see now',
      tags: ['content'],
      query: ListQuery,
      response: ContentPage,
    },
    async ({ query, principal }) => {
      if (seesAllContent(principal)) {
        let q = db
          .selectFrom('access_contents')
          .selectAll()
          .where('status', '=', query.status ?? 'published');
        if (query.kind) q = q.where('kind', '=', query.kind);
        if (query.cursor) q = q.where('content_id', '>', query.cursor);
        const rows = await q
          .orderBy('content_id')
          .limit(query.limit + 1)
          .execute();
        return E.right(
          answer(
            toPage(
              rows,
              query.limit,
              (r) => contentView(r, { audience: true, validUntil: null }),
              (r) => r.content_id,
            ),
          ),
        );
      }
      if (principal.kind !== 'person') return E.right(answer({ items: [], nextCursor: null }));
      let q = visibleTo(principal.personId).where('c.status', '=', query.status ?? 'published');
      if (query.kind) q = q.where('c.kind', '=', query.kind);
      if (query.cursor) q = q.where('v.content_id', '>', query.cursor);
      const rows = await q
        .orderBy('v.content_id')
        .limit(query.limit + 1)
        .execute();
      return E.right(
        answer(
          toPage(
            rows,
            query.limit,
            (r) => contentView(r, { audience: false, validUntil: r.valid_until }),
            (r) => r.content_id,
          ),
        ),
      );
    },
  );

  queryRoute(
    app,
    {
      method: 'GET',
      url: '/content/:id',
      summary: 'One content item, if the caller can see it now',
      tags: ['content'],
      params: ContentParams,
      response: ContentOut,
      versioned: true,
    },
    async ({ params, principal }) => {
      if (seesAllContent(principal)) {
        const row = await db
          .selectFrom('access_contents')
          .selectAll()
          .where('content_id', '=', params.id)
          .executeTakeFirst();
        return row
          ? E.right(answer(contentView(row, { audience: true, validUntil: null }), Number(row.version)))
          : E.left(domainError('not_found', 'content not found'));
      }
      const row =
        principal.kind === 'person'
          ? await visibleTo(principal.personId)
              .where('v.content_id', '=', params.id)
              .where('c.status', '=', 'published')
              .executeTakeFirst()
          : undefined;
      return row
        ? E.right(answer(contentView(row, { audience: false, validUntil: row.valid_until }), Number(row.version)))
        : E.left(domainError('not_found', 'content not found'));
    },
  );

  queryRoute(
    app,
    {
      method: 'GET',
      url: '/content/:id/audience-members',
      summary: 'Who can see a content item now (vendor admins, auditors)',
      tags: ['content'],
      params: ContentParams,
      query: z.strictObject({ partnerId: PartnerId.optional(), limit: Limit, cursor: StringCursor.optional() }),
      response: AudienceMemberPage,
      problems: [403],
    },
    async ({ params, query, principal }) => {
      const allowed = inspectsVisibility(principal, 'content');
      if (E.isLeft(allowed)) return allowed;
      const content = await db
        .selectFrom('access_contents')
        .select('content_id')
        .where('content_id', '=', params.id)
        .executeTakeFirst();
      if (!content) return E.left(domainError('not_found', 'content not found'));
      let q = db
        .selectFrom('access_visible_content as v')
        .innerJoin('access_principals as p', 'p.person_id', 'v.person_id')
        .leftJoin('people as pe', 'pe.person_id', 'v.person_id')
        .select([
          'v.person_id',
          'v.valid_until',
          'p.partner_id',
          'p.partner_role',
          'p.vendor_roles',
          'pe.name',
          'pe.email',
        ])
        .where('v.content_id', '=', params.id)
        .where((eb) => eb.or([eb('v.valid_until', 'is', null), eb('v.valid_until', '>', deps.now().toISOString())]));
      if (query.partnerId) q = q.where('p.partner_id', '=', query.partnerId);
      if (query.cursor) q = q.where('v.person_id', '>', query.cursor);
      const rows = await q
        .orderBy('v.person_id')
        .limit(query.limit + 1)
        .execute();
      return E.right(
        answer(
          toPage(
            rows,
            query.limit,
            (r) => ({
              personId: r.person_id,
              name: r.name ?? null,
              email: r.email ?? null,
              partnerId: r.partner_id,
              role: r.partner_role,
              vendorRoles: (JSON.parse(r.vendor_roles) as { role: string }[]).map((g) => g.role),
              validUntil: r.valid_until,
            }),
            (r) => r.person_id,
          ),
        ),
      );
    },
  );

  queryRoute(
    app,
    {
      method: 'GET',
      url: '/people/:id/visible-content',
      summary: 'What a person can see now (vendor admins, auditors)',
      tags: ['content'],
      params: z.strictObject({ id: PersonId }),
      query: z.strictObject({ kind: ContentKind.optional(), limit: Limit, cursor: StringCursor.optional() }),
      response: ContentPage,
      problems: [403],
    },
    async ({ params, query, principal }) => {
      const allowed = inspectsVisibility(principal, 'person');
      if (E.isLeft(allowed)) return allowed;
      const person = await db
        .selectFrom('access_principals')
        .select('person_id')
        .where('person_id', '=', params.id)
        .executeTakeFirst();
      if (!person) return E.left(domainError('not_found', 'person not found'));
      let q = visibleTo(params.id).where('c.status', '=', 'published');
      if (query.kind) q = q.where('c.kind', '=', query.kind);
      if (query.cursor) q = q.where('v.content_id', '>', query.cursor);
      const rows = await q
        .orderBy('v.content_id')
        .limit(query.limit + 1)
        .execute();
      return E.right(
        answer(
          toPage(
            rows,
            query.limit,
            (r) => contentView(r, { audience: true, validUntil: r.valid_until }),
            (r) => r.content_id,
          ),
        ),
      );
    },
  );
};
