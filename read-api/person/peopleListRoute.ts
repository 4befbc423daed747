import type { FastifyInstance } from 'fastify';
import * as E from 'fp-ts/lib/Either.js';
import { sql, type SqlBool } from 'kysely';
import { z } from 'zod';
import type { Principal } from '../../domain/access/index.js';
import { Email, PartnerId } from '../../domain/shared/index.js';
import { answer, queryRoute } from '../../http/routes.js';
import { ExternalRefParam, externalRefsOf, ownersWithRef } from '../externalRef/externalRefs.js';
import { Limit, StringCursor, toPage } from '../pagination.js';
import { partnerReach, visiblePartners } from '../partner/partnerVisibility.js';
import type { QueryDeps } from '../queryDeps.js';
import { PersonPage, personSummaryView } from './personView.js';

const ListQuery = z.strictObject({
  externalRef: ExternalRefParam.optional(),
  email: Email.optional(),
  partnerId: PartnerId.optional(),
  limit: Limit,
  cursor: StringCursor.optional(),
});

/**
 * `GET /people`: the people a caller may see (themselves, vendor readers everyone, channel staff and
 * colleagues the people of the partners they see), found by external reference, email or employer.
 */
export const peopleListRoute = (app: FastifyInstance, deps: QueryDeps) => {
  const db = deps.readModels;
  const visible = (p: Principal) => {
    const reach = partnerReach(p);
    if (reach === 'all') return sql<SqlBool>`1 = 1`;
    const self = p.kind === 'person' ? p.personId : '';
    if (reach === 'none') return sql<SqlBool>`people.person_id = ${self}`;
    const partners = db.selectFrom('partners').select('partners.partner_id').where(visiblePartners(p));
    return sql<SqlBool>`(people.person_id = ${self} OR people.partner_id IN (${partners}))`;
  };

  queryRoute(
    app,
    {
      method: 'GET',
      url: '/people',
      summary: 'People the caller may see, by external reference (system:id), email or employer',
      tags: ['people'],
      query: ListQuery,
      response: PersonPage,
    },
    async ({ query, principal }) => {
      let q = db.selectFrom('people').selectAll().where(visible(principal));
      if (query.externalRef) q = q.where('person_id', 'in', ownersWithRef(db, 'person', query.externalRef));
      if (query.email) q = q.where('email', '=', query.email.toLowerCase());
      if (query.partnerId) q = q.where('partner_id', '=', query.partnerId);
      if (query.cursor) q = q.where('person_id', '>', query.cursor);
      const rows = await q
        .orderBy('person_id')
        .limit(query.limit + 1)
        .execute();
      const refs = await externalRefsOf(
        deps.reader,
        'person',
        rows.slice(0, query.limit).map((r) => r.person_id),
      );
      return E.right(
        answer(
          toPage(
            rows,
            query.limit,
            (r) => personSummaryView(r, refs(r.person_id)),
            (r) => r.person_id,
          ),
        ),
      );
    },
  );
};
