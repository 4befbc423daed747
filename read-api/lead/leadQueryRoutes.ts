import type { FastifyInstance } from 'fastify';
import * as E from 'fp-ts/lib/Either.js';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Principal } from '../../domain/access/index.js';
import { domainError, LeadId, PartnerId, Slug } from '../../domain/shared/index.js';
import { answer, queryRoute } from '../../http/routes.js';
import type { Database } from '../../projections/readModels/database.js';
import { Cursor, Limit, toPage } from '../pagination.js';
import type { QueryDeps } from '../queryDeps.js';
import { LeadDetailOut, LeadPage, LeadStatus } from './leadOut.js';
import { assignmentView, leadView, type LeadRow } from './leadView.js';
import { seesLeadHistory, visibleLeads } from './leadVisibility.js';

const Flag = z.enum(['true', 'false']).transform((v) => v === 'true');

const ListQuery = z.strictObject({
  status: LeadStatus.optional(),
  region: Slug.optional(),
  productLine: Slug.optional(),
  partnerId: PartnerId.optional(),
  /** Assigned leads past their acceptance deadline (lapsed, the sweeper not there yet). */
  acceptOverdue: Flag.optional(),
  limit: Limit,
  cursor: Cursor.pipe(z.number({ error: 'not a cursor from this API' }).int()).optional(),
});

const visibleLeadRows = (db: Kysely<Database>, principal: Principal) =>
  db
    .selectFrom('leads')
    .leftJoin('partners as p', 'p.partner_id', 'leads.partner_id')
    .selectAll('leads')
    .select('p.name as partner_name')
    .where(visibleLeads(principal));

export const leadQueryRoutes = (app: FastifyInstance, deps: QueryDeps) => {
  const db = deps.readModels;

  queryRoute(
    app,
    {
      method: 'GET',
      url: '/leads',
      summary: 'Vendor-sourced leads, newest first, filtered by what the caller may see',
      tags: ['leads'],
      query: ListQuery,
      response: LeadPage,
    },
    async ({ query, principal }) => {
      const now = deps.now();
      let q = visibleLeadRows(db, principal);
      if (query.status) q = q.where('leads.status', '=', query.status);
      if (query.region) q = q.where('leads.region', '=', query.region);
      if (query.productLine) q = q.where('leads.product_line', '=', query.productLine);
      if (query.partnerId) q = q.where('leads.partner_id', '=', query.partnerId);
      if (query.acceptOverdue !== undefined)
        q = query.acceptOverdue
          ? q.where('leads.status', '=', 'assigned').where('leads.accept_by', '<=', now.toISOString())
          : q.where((eb) =>
              eb.or([eb('leads.status', '!=', 'assigned'), eb('leads.accept_by', '>', now.toISOString())]),
            );
      if (query.cursor !== undefined) q = q.where('leads.registered_position', '<', query.cursor);
      const rows = (await q
        .orderBy('leads.registered_position', 'desc')
        .limit(query.limit + 1)
        .execute()) as LeadRow[];
      const full = seesLeadHistory(principal);
      return E.right(
        answer(
          toPage(
            rows,
            query.limit,
            (r) => leadView(r, now, full),
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
      url: '/leads/:id',
      tags: ['leads'],
      params: z.strictObject({ id: LeadId }),
      response: LeadDetailOut,
      versioned: true,
      summary: 'One lead with its offers; vendor staff also see every routing decision and its candidates',
    },
    async ({ params, principal }) => {
      const row = (await visibleLeadRows(db, principal).where('leads.lead_id', '=', params.id).executeTakeFirst()) as
        | LeadRow
        | undefined;
      if (!row) return E.left(domainError('not_found', 'lead not found'));
      const full = seesLeadHistory(principal);
      let offers = db
        .selectFrom('lead_assignments as a')
        .leftJoin('partners as p', 'p.partner_id', 'a.partner_id')
        .selectAll('a')
        .select('p.name as partner_name')
        .where('a.lead_id', '=', params.id);
      // A partner sees its own offers of the lead, never another partner's.
      if (!full) offers = offers.where('a.partner_id', '=', row.partner_id ?? '');
      const assignments = await offers.orderBy('a.seq').execute();
      const view = leadView(row, deps.now(), full);
      return E.right(answer({ ...view, assignments: assignments.map((a) => assignmentView(a, full)) }, view.version));
    },
  );
};
