import type { FastifyInstance } from 'fastify';
import { problem, sendProblem } from '../../http/problem.js';
import { accessLogRoutes } from './accessLogRoutes.js';
import { useAuditAccess } from './auditAccess.js';
import type { AuditDeps } from './auditDeps.js';
import { eventQueryRoutes } from './eventQueryRoutes.js';
import { verifyExportRoutes } from './verifyExportRoutes.js';

export type { AuditDeps } from './auditDeps.js';

const RAW_ROW_ROUTES = new Set(['/audit/verify', '/audit/export', '/audit/events', '/audit/streams/:streamId']);

/** `/audit/*`: auditors and vendor admins only, every call written to the audit access log. */
export const auditRoutes = (app: FastifyInstance, deps: AuditDeps) => {
  void app.register(async (scope) => {
    useAuditAccess(scope, deps);
    const { unavailable } = deps.log;
    if (unavailable !== undefined) {
      scope.addHook('preHandler', async (request, reply) => {
        if (RAW_ROW_ROUTES.has(request.routeOptions.url ?? ''))
          return sendProblem(reply, problem(501, 'not_supported', unavailable));
      });
    }
    eventQueryRoutes(scope, deps);
    verifyExportRoutes(scope, deps);
    accessLogRoutes(scope, deps);
  });
};
