import type { FastifyInstance } from 'fastify';
import * as E from 'fp-ts/lib/Either.js';
import { z } from 'zod';
import { Instant } from '../../domain/shared/index.js';
import { answer, queryRoute } from '../../http/routes.js';
import { Limit, toPage } from '../pagination.js';
import type { AuditDeps } from './auditDeps.js';
import { AccessLogPage, PositionCursor } from './auditSchemas.js';
import { auditedProblems } from './auditAccess.js';
import type { IdentityEvent } from '../identity/identityAudit.js';

interface AccessRow {
  id: number;
  at: string;
  actor_kind: string;
  actor_id: string;
  method: string;
  route: string;
  url: string;
  status: number;
  event: string | null;
  client_id: string | null;
  address: string | null;
}

/** Who used the audit API, when, for what, and with which answer (oldest first, cursor pagination). */
export const accessLogRoutes = (app: FastifyInstance, deps: AuditDeps) => {
  queryRoute(
    app,
    {
      method: 'GET',
      url: '/audit/access-log',
      tags: ['audit'],
      summary: 'Every call to the audit API with its actor and status',
      query: z.strictObject({
        actorId: z.string().min(1).max(200).optional(),
        from: Instant.optional(),
        to: Instant.optional(),
        cursor: PositionCursor.optional(),
        limit: Limit,
      }),
      response: AccessLogPage,
      problems: [...auditedProblems],
    },
    async ({ query }) => {
      const where = ['id > ?'];
      const params: unknown[] = [query.cursor ?? 0];
      const filter = (condition: string, value: unknown) => {
        where.push(condition);
        params.push(value);
      };
      if (query.actorId) filter('actor_id = ?', query.actorId);
      if (query.from) filter('at >= ?', query.from);
      if (query.to) filter('at <= ?', query.to);
      const rows = await deps.reader.all<AccessRow>(
        `SELECT * FROM audit_access_log WHERE ${where.join(' AND ')} ORDER BY id LIMIT ?`,
        [...params, query.limit + 1],
      );
      const view = (r: AccessRow) => ({
        id: r.id,
        at: r.at,
        actor: { kind: r.actor_kind, id: r.actor_id },
        method: r.method,
        route: r.route,
        url: r.url,
        status: r.status,
        ...(r.event ? { event: r.event as IdentityEvent } : {}),
        ...(r.client_id ? { clientId: r.client_id } : {}),
        ...(r.address ? { address: r.address } : {}),
      });
      return E.right(answer(toPage(rows, query.limit, view, (r) => r.id)));
    },
  );
};
