import type { FastifyInstance } from 'fastify';
import * as E from 'fp-ts/lib/Either.js';
import { z } from 'zod';
import { domainError, PartnerId } from '../../domain/shared/index.js';
import { answer, queryRoute } from '../../http/routes.js';
import { visiblePartners } from '../partner/partnerVisibility.js';
import type { QueryDeps } from '../queryDeps.js';
import { InstantOut, named } from '../../http/contract.js';
import { CertificationOut } from './personView.js';

const PartnerCertificationsOut = named(
  'PartnerCertifications',
  z.object({
    partnerId: PartnerId,
    asOf: InstantOut,
    items: z.array(CertificationOut.extend({ personId: z.string(), personName: z.string() })),
  }),
);

/**
 * Every certification held by a partner's current employees, soonest expiry first: the partner page's
 * "people and certifications" in one query instead of one `GET /people/:id` per employee. Visible to
 * whoever sees the partner (as its employee list).
 */
export const partnerCertificationRoutes = (app: FastifyInstance, deps: QueryDeps) => {
  const db = deps.readModels;
  queryRoute(
    app,
    {
      method: 'GET',
      url: '/partners/:id/certifications',
      tags: ['partners', 'people'],
      params: z.strictObject({ id: PartnerId }),
      response: PartnerCertificationsOut,
      summary: "Certifications of a partner's current employees with their validity now, soonest expiry first",
    },
    async ({ params, principal }) => {
      const partner = await db
        .selectFrom('partners')
        .select('partner_id')
        .where('partner_id', '=', params.id)
        .where(visiblePartners(principal))
        .executeTakeFirst();
      if (!partner) return E.left(domainError('not_found', 'partner not found'));
      const rows = await db
        .selectFrom('people as pe')
        .innerJoin('certifications as c', 'c.person_id', 'pe.person_id')
        .leftJoin('programs as pr', 'pr.program_id', 'c.program_id')
        .select([
          'pe.person_id',
          'pe.name',
          'c.program_id',
          'pr.name as program_name',
          'c.product_line',
          'c.earned_at',
          'c.expires_at',
          'c.renewed_at',
          'c.revoked_at',
        ])
        .where('pe.partner_id', '=', params.id)
        .orderBy('c.expires_at')
        .orderBy('pe.person_id')
        .orderBy('c.program_id')
        .execute();
      const now = deps.now().toISOString();
      return E.right(
        answer({
          partnerId: params.id,
          asOf: now,
          items: rows.map((r) => ({
            personId: r.person_id,
            personName: r.name,
            programId: r.program_id,
            programName: r.program_name,
            productLine: r.product_line,
            earnedAt: r.earned_at,
            expiresAt: r.expires_at,
            renewedAt: r.renewed_at,
            revokedAt: r.revoked_at,
            valid: r.revoked_at === null && now < r.expires_at,
          })),
        }),
      );
    },
  );
};
