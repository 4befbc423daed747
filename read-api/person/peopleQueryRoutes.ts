import type { FastifyInstance } from 'fastify';
import * as E from 'fp-ts/lib/Either.js';
import { z } from 'zod';
import { employerIs, managesPartner, personIdOf, readsEverything, type Principal } from '../../domain/access/index.js';
import { domainError, PersonId, ProgramId } from '../../domain/shared/index.js';
import { answer, queryRoute } from '../../http/routes.js';
import type { Database } from '../../projections/readModels/database.js';
import { externalRefsOf } from '../externalRef/externalRefs.js';
import { Limit, StringCursor, toPage } from '../pagination.js';
import type { QueryDeps } from '../queryDeps.js';
import { PersonOut, personView } from './personView.js';
import { PrincipalOut, principalView } from './principalView.js';
import { InstantOut, named, pageOf } from '../../http/contract.js';
import { Slug } from '../../domain/shared/index.js';

const ProgramOut = named(
  'Program',
  z.object({
    id: ProgramId,
    name: z.string(),
    productLine: Slug,
    validForDays: z.number().int(),
    points: z.number().int(),
    status: z.enum(['active', 'retired']),
    definedAt: InstantOut,
  }),
);
const MeOut = named('Me', z.object({ principal: PrincipalOut, profile: PersonOut.nullable().optional() }));

export const peopleQueryRoutes = (app: FastifyInstance, deps: QueryDeps) => {
  const db = deps.readModels;

  /** Themselves, vendor readers, staff managing their employer, colleagues at an operating partner. */
  const mayView = async (p: Principal, person: Database['people']) => {
    if (personIdOf(p) === person.person_id || readsEverything(p)) return true;
    if (!person.partner_id) return false;
    if (employerIs(p, person.partner_id)) return true;
    const partner = await db
      .selectFrom('partners')
      .select(['region', 'channel_manager_id'])
      .where('partner_id', '=', person.partner_id)
      .executeTakeFirst();
    return (
      partner !== undefined &&
      managesPartner(p, {
        partnerId: person.partner_id,
        region: partner.region,
        channelManagerId: partner.channel_manager_id ?? undefined,
      })
    );
  };

  const fullView = async (row: Database['people']) => {
    const [history, certs] = await Promise.all([
      db
        .selectFrom('employments')
        .selectAll()
        .where('person_id', '=', row.person_id)
        .orderBy('joined_position')
        .execute(),
      db
        .selectFrom('certifications')
        .leftJoin('programs', 'programs.program_id', 'certifications.program_id')
        .selectAll('certifications')
        .select('programs.name as program_name')
        .where('certifications.person_id', '=', row.person_id)
        .orderBy('certifications.program_id')
        .execute(),
    ]);
    const refs = await externalRefsOf(deps.reader, 'person', [row.person_id]);
    return personView(row, history, certs, deps.now(), refs(row.person_id));
  };

  queryRoute(
    app,
    {
      method: 'GET',
      url: '/people/:id',
      summary: 'A person: employer, history, certifications',
      tags: ['people'],
      params: z.strictObject({ id: PersonId }),
      response: PersonOut,
      versioned: true,
    },
    async ({ params, principal }) => {
      const row = await db.selectFrom('people').selectAll().where('person_id', '=', params.id).executeTakeFirst();
      if (!row || !(await mayView(principal, row))) return E.left(domainError('not_found', 'person not found'));
      const view = await fullView(row);
      return E.right(answer(view, view.version));
    },
  );

  queryRoute(
    app,
    { method: 'GET', url: '/me', summary: 'The caller: principal and profile', tags: ['people'], response: MeOut },
    async ({ principal }) => {
      if (principal.kind !== 'person') return E.right(answer({ principal: principalView(principal) }));
      const row = await db
        .selectFrom('people')
        .selectAll()
        .where('person_id', '=', principal.personId)
        .executeTakeFirst();
      return E.right(answer({ principal: principalView(principal), profile: row ? await fullView(row) : null }));
    },
  );

  queryRoute(
    app,
    {
      method: 'GET',
      url: '/programs',
      summary: 'Certification programs',
      tags: ['programs'],
      query: z.strictObject({
        status: z.enum(['active', 'retired']).optional(),
        limit: Limit,
        cursor: StringCursor.optional(),
      }),
      response: pageOf('ProgramPage', ProgramOut),
    },
    async ({ query }) => {
      let q = db.selectFrom('programs').selectAll();
      if (query.status) q = q.where('status', '=', query.status);
      if (query.cursor) q = q.where('program_id', '>', query.cursor);
      const rows = await q
        .orderBy('program_id')
        .limit(query.limit + 1)
        .execute();
      return E.right(answer(toPage(rows, query.limit, programView, (r) => r.program_id)));
    },
  );

  queryRoute(
    app,
    {
      method: 'GET',
      url: '/programs/:id',
      summary: 'One certification program',
      tags: ['programs'],
      params: z.strictObject({ id: ProgramId }),
      response: ProgramOut,
      versioned: true,
    },
    async ({ params }) => {
      const row = await db.selectFrom('programs').selectAll().where('program_id', '=', params.id).executeTakeFirst();
      return row
        ? E.right(answer(programView(row), Number(row.version)))
        : E.left(domainError('not_found', 'program not found'));
    },
  );
};

const programView = (r: {
  program_id: string;
  name: string;
  product_line: string;
  valid_for_days: number;
  points: number;
  status: string;
  defined_at: string;
}): z.input<typeof ProgramOut> => ({
  id: r.program_id,
  name: r.name,
  productLine: r.product_line,
  validForDays: Number(r.valid_for_days),
  points: Number(r.points),
  status: r.status as 'active' | 'retired',
  definedAt: r.defined_at,
});
