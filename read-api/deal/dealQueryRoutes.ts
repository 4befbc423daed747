import type { FastifyInstance } from 'fastify';
import * as E from 'fp-ts/lib/Either.js';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { managesPartner, readsEverything, type Principal } from '../../domain/access/index.js';
import { CustomerDomainInput } from '../../domain/deal/index.js';
import { DealId, domainError, IsoDate, PartnerId, PersonId, Slug } from '../../domain/shared/index.js';
import { answer, queryRoute } from '../../http/routes.js';
import type { Database } from '../../projections/readModels/database.js';
import { ExternalRefParam, externalRefsOf, ownersWithRef } from '../externalRef/externalRefs.js';
import { Cursor, Limit, toPage } from '../pagination.js';
import type { QueryDeps } from '../queryDeps.js';
import { DealDetailOut, DealPage, DealStatus, dealView, type DealRow } from './dealView.js';
import { visibleDeals } from './dealVisibility.js';

export { DealStatus };
const Flag = z.enum(['true', 'false']).transform((v) => v === 'true');
const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00.000Z`) + 86_400_000).toISOString();

const ListQuery = z.strictObject({
  partnerId: PartnerId.optional(),
  status: DealStatus.optional(),
  productLine: Slug.optional(),
  conflict: Flag.optional(),
  protectionActive: Flag.optional(),
  customerDomain: CustomerDomainInput.optional(),
  registeredBy: PersonId.optional(),
  registeredFrom: IsoDate.optional(),
  registeredTo: IsoDate.optional(),
  expectedCloseFrom: IsoDate.optional(),
  expectedCloseTo: IsoDate.optional(),
  externalRef: ExternalRefParam.optional(),
  limit: Limit,
  cursor: Cursor.pipe(z.number({ error: 'not a cursor from this API' }).int()).optional(),
});

/** Deals joined with their partner's name, region and channel manager, filtered by what the caller may see. */
export const visibleDealRows = (db: Kysely<Database>, principal: Principal) =>
  db
    .selectFrom('deals')
    .leftJoin('partners as p', 'p.partner_id', 'deals.partner_id')
    .selectAll('deals')
    .select('p.name as partner_name')
    .where(visibleDeals(principal));

/** Vendor staff over the deal's partner see colliding registrations side by side; partners only the flag. */
const seesConflicts = async (deps: QueryDeps, principal: Principal, partnerId: string) => {
  if (readsEverything(principal)) return true;
  const partner = await deps.readModels
    .selectFrom('partners')
    .select(['region', 'channel_manager_id'])
    .where('partner_id', '=', partnerId)
    .executeTakeFirst();
  return (
    partner !== undefined &&
    managesPartner(principal, {
      partnerId,
      region: partner.region,
      channelManagerId: partner.channel_manager_id ?? undefined,
    })
  );
};

export const dealQueryRoutes = (app: FastifyInstance, deps: QueryDeps) => {
  const db = deps.readModels;

  queryRoute(
    app,
    {
      method: 'GET',
      url: '/deals',
      summary: 'Deal registrations, newest first, filtered by what the caller may see',
      tags: ['deals'],
      query: ListQuery,
      response: DealPage,
    },
    async ({ query, principal }) => {
      const now = deps.now().toISOString();
      let q = db
        .selectFrom('deals')
        .leftJoin('partners as p', 'p.partner_id', 'deals.partner_id')
        .where(visibleDeals(principal));
      if (query.partnerId) q = q.where('deals.partner_id', '=', query.partnerId);
      if (query.status) q = q.where('deals.status', '=', query.status);
      if (query.productLine) q = q.where('deals.product_line', '=', query.productLine);
      if (query.conflict !== undefined) q = q.where('deals.conflict', '=', query.conflict ? 1 : 0);
      if (query.protectionActive === true)
        q = q.where('deals.status', '=', 'approved').where('deals.protected_until', '>', now);
      if (query.protectionActive === false)
        q = q.where((eb) => eb.or([eb('deals.status', '!=', 'approved'), eb('deals.protected_until', '<=', now)]));
      if (query.customerDomain) q = q.where('deals.customer_domain', '=', query.customerDomain);
      if (query.registeredBy) q = q.where('deals.registered_by', '=', query.registeredBy);
      if (query.registeredFrom) q = q.where('deals.registered_at', '>=', `${query.registeredFrom}T00:00:00.000Z`);
      if (query.registeredTo) q = q.where('deals.registered_at', '<', nextDay(query.registeredTo));
      if (query.expectedCloseFrom) q = q.where('deals.expected_close_date', '>=', query.expectedCloseFrom);
      if (query.expectedCloseTo) q = q.where('deals.expected_close_date', '<=', query.expectedCloseTo);
      if (query.externalRef) q = q.where('deals.deal_id', 'in', ownersWithRef(db, 'deal', query.externalRef));
      if (query.cursor !== undefined) q = q.where('deals.registered_position', '<', query.cursor);
      // The page's positions first (inside an index where a filter allows), then only those rows in full.
      const page = q
        .select('deals.registered_position')
        .orderBy('deals.registered_position', 'desc')
        .limit(query.limit + 1);
      const rows = await visibleDealRows(db, principal)
        .where('deals.registered_position', 'in', page)
        .orderBy('deals.registered_position', 'desc')
        .execute();
      const at = deps.now();
      const refs = await externalRefsOf(
        deps.reader,
        'deal',
        rows.slice(0, query.limit).map((r) => r.deal_id),
      );
      return E.right(
        answer(
          toPage(
            rows as DealRow[],
            query.limit,
            (r) => ({ ...dealView(r, at), externalRefs: refs(r.deal_id) }),
            (r) => Number(r.registered_position),
          ),
        ),
      );
    },
  );

  queryRoute(
    app,
    {
      method: 'GET',
      url: '/deals/:id',
      tags: ['deals'],
      params: z.strictObject({ id: DealId }),
      response: DealDetailOut,
      versioned: true,
      summary: 'One deal; vendor staff also see the colliding registrations side by side',
    },
    async ({ params, principal }) => {
      const row = (await visibleDealRows(db, principal).where('deals.deal_id', '=', params.id).executeTakeFirst()) as
        | DealRow
        | undefined;
      if (!row) return E.left(domainError('not_found', 'deal not found'));
      const now = deps.now();
      const view = {
        ...dealView(row, now),
        externalRefs: (await externalRefsOf(deps.reader, 'deal', [row.deal_id]))(row.deal_id),
      };
      if (!(await seesConflicts(deps, principal, row.partner_id))) return E.right(answer(view, view.version));
      const links = await db
        .selectFrom('deal_conflicts')
        .select(['conflicting_deal_id', 'detected_at'])
        .where('deal_id', '=', row.deal_id)
        .execute();
      const ids = links.map((l) => l.conflicting_deal_id);
      const others = ids.length
        ? ((await visibleDealRows(db, principal)
            .where('deals.deal_id', 'in', ids)
            .orderBy('deals.registered_position')
            .execute()) as DealRow[])
        : [];
      const detected = new Map(links.map((l) => [l.conflicting_deal_id, l.detected_at]));
      const conflicts = others.map((o) => ({ ...dealView(o, now), detectedAt: detected.get(o.deal_id) }));
      return E.right(
        answer({ ...view, conflicts, conflictsOutsideYourScope: ids.length - others.length }, view.version),
      );
    },
  );
};
