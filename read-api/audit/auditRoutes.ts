import type { FastifyInstance } from 'fastify';
import { accessLogRoutes } from './accessLogRoutes.js';
import { useAuditAccess } from './auditAccess.js';
import type { AuditDeps } from './auditDeps.js';
import { eventQueryRoutes } from './eventQueryRoutes.js';
import { verifyExportRoutes } from './verifyExportRoutes.js';

export type { AuditDeps } from './auditDeps.js';

/** `/audit/*`: auditors and vendor admins only, every call written to the audit access log. */
export const auditRoutes = (app: FastifyInstance, deps: AuditDeps) => {
  void app.register(async (scope) => {
    useAuditAccess(scope, deps);
    eventQueryRoutes(scope, deps);
    verifyExportRoutes(scope, deps);
    accessLogRoutes(scope, deps);
  });
};
