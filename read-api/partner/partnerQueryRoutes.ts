import type { FastifyInstance } from 'fastify';
import * as E from 'fp-ts/lib/Either.js';
import { z } from 'zod';
import { PartnerId, PartnerType, PersonId, Slug, Tier, domainError } from '../../domain/shared/index.js';
import { answer, queryRoute } from '../../http/routes.js';
import { readChannelSettings } from '../channel/readChannelSettings.js';
import { ExternalRefParam, externalRefsOf } from '../externalRef/externalRefs.js';
import { partnerLocations } from '../location/partnerLocations.js';
import { progressOfPlans } from '../plan/planProgress.js';
import { Limit, StringCursor, toPage } from '../pagination.js';
import type { QueryDeps } from '../queryDeps.js';
import { principalKey } from '../keptAnswers.js';
import { readTogether } from '../../infra/sql/sqlDb.js';
import {
  certifiedByLine,
  EmployeePage,
  PartnerDetailOut,
  PartnerPage,
  PartnerStatus,
  partnerView,
} from './partnerView.js';
import { latestPlans, partnerQuotas, visiblePartnerPage, visiblePartnerRow } from './partnerSql.js';
import { visiblePartners } from './partnerVisibility.js';

const ListQuery = z.strictObject({
  status: PartnerStatus.optional(),
  tier: Tier.optional(),
  region: Slug.optional(),
  type: PartnerType.optional(),
  parentPartnerId: PartnerId.optional(),
  channelManagerId: PersonId.optional(),
  q: z.string().trim().min(1).max(200).optional(),
  externalRef: ExternalRefParam.optional(),
  limit: Limit,
  cursor: StringCursor.optional(),
});
export const PartnerParams = z.strictObject({ id: PartnerId });

export const partnerQueryRoutes = (app: FastifyInstance, deps: QueryDeps) => {
  const { readModels: db, reader } = deps;

  queryRoute(
    app,
    {
      method: 'GET',
      url: '/partners',
      summary: 'The partner directory, filtered by what the caller may see',
      tags: ['partners'],
      query: ListQuery,
      response: PartnerPage,
    },
    // A page is kept whole until the next commit (keptAnswers): readiness changes with the time too.
    async ({ query, principal, request }) =>
      readTogether(reader, (reader) =>
        deps.kept(reader, `${principalKey(principal)} ${request.url}`, deps.now(), async (now) => {
          const rows = await visiblePartnerPage(reader, principal, query);
          const page = rows.slice(0, query.limit).map((r) => r.partner_id);
          const [settings, certified, refs] = await Promise.all([
            readChannelSettings(reader),
            certifiedByLine(reader, page, now),
            externalRefsOf(reader, 'partner', page),
          ]);
          const body = toPage(
            rows,
            query.limit,
            (r) => partnerView(r, certified.byPartner.get(r.partner_id), settings, refs(r.partner_id)),
            (r) => r.partner_id,
          );
          return E.right({ answer: { body }, holdsUntil: certified.holdsUntil });
        }),
      ),
  );

  const findVisible = (principal: Parameters<typeof visiblePartners>[0], id: string) =>
    db
      .selectFrom('partners')
      .selectAll()
      .where('partner_id', '=', id)
      .where(visiblePartners(principal))
      .executeTakeFirst();

  queryRoute(
    app,
    {
      method: 'GET',
      url: '/partners/:id',
      summary: 'One partner with readiness per product line and quotas',
      tags: ['partners'],
      params: PartnerParams,
      response: PartnerDetailOut,
      versioned: true,
    },
    // One snapshot for the partner and everything shown with it, kept whole like a directory page.
    async ({ params, principal, request }) =>
      readTogether(reader, (reader) =>
        deps.kept(reader, `${principalKey(principal)} ${request.url}`, deps.now(), async (now) => {
          const row = await visiblePartnerRow(reader, principal, params.id);
          if (!row) return E.left(domainError('not_found', 'partner not found'));
          const [settings, certified, quotas, refs, locations, plans] = await Promise.all([
            readChannelSettings(reader),
            certifiedByLine(reader, [row.partner_id], now),
            partnerQuotas(reader, row.partner_id),
            externalRefsOf(reader, 'partner', [row.partner_id]),
            partnerLocations(reader, row.partner_id),
            // The latest plans (DESIGN §13): GET /partners/:id/plans lists them all.
            latestPlans(reader, row.partner_id).then((rows) =>
              progressOfPlans(
                reader,
                rows.map((r) => ({ ...r, partner_name: row.name })),
                now,
              ),
            ),
          ]);
          const view = Object.assign(
            partnerView(row, certified.byPartner.get(row.partner_id), settings, refs(row.partner_id)),
            {
              quotas: quotas.map((q) => ({
                period: q.period,
                amount: { amountMinor: Number(q.amount_minor), currency: q.currency },
              })),
              locations,
              plans: plans.views,
            },
          );
          const holdsUntil = Math.min(certified.holdsUntil, plans.holdsUntil);
          return E.right({ answer: { body: view, version: view.version }, holdsUntil });
        }),
      ),
  );

  queryRoute(
    app,
    {
      method: 'GET',
      url: '/partners/:id/employees',
      summary: 'Current employees of a partner',
      tags: ['partners'],
      params: PartnerParams,
      query: z.strictObject({ limit: Limit, cursor: StringCursor.optional() }),
      response: EmployeePage,
    },
    async ({ params, query, principal }) => {
      const row = await findVisible(principal, params.id);
      if (!row) return E.left(domainError('not_found', 'partner not found'));
      let q = db
        .selectFrom('people')
        .leftJoin('employee_locations as l', (j) =>
          j.onRef('l.person_id', '=', 'people.person_id').onRef('l.partner_id', '=', 'people.partner_id'),
        )
        .select(['people.person_id', 'name', 'email', 'partner_role', 'joined_at', 'l.location_id'])
        .where('people.partner_id', '=', params.id);
      if (query.cursor) q = q.where('people.person_id', '>', query.cursor);
      const rows = await q
        .orderBy('people.person_id')
        .limit(query.limit + 1)
        .execute();
      return E.right(
        answer(
          toPage(
            rows,
            query.limit,
            (r) => ({
              id: r.person_id,
              name: r.name,
              email: r.email,
              role: r.partner_role,
              joinedAt: r.joined_at,
              locationId: r.location_id,
            }),
            (r) => r.person_id,
          ),
        ),
      );
    },
  );
};
