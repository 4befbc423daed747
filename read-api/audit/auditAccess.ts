import type { FastifyInstance, FastifyRequest } from 'fastify';
import { hasVendorRole, isVendorAdmin, type Principal } from '../../domain/access/index.js';
import { actorOf } from '../../commands/auth/actorOf.js';
import { problem, sendProblem } from '../../http/problem.js';
import type { TransactionalSqlDb } from '../../infra/sql/sqlDb.js';

/**
 * What every audited route may answer beyond its own: 403 to a caller who may not audit, 507 when the
 * access log cannot be written (a full disk): no audit read goes unrecorded.
 */
export const auditedProblems = [403, 507] as const;

/** Auditors and vendor admins (the admin key included) reach `/audit/*`; nobody else. */
export const mayAudit = (p: Principal): boolean => isVendorAdmin(p) || hasVendorRole(p, 'auditor');

export const logAccess = (
  db: TransactionalSqlDb,
  request: FastifyRequest,
  principal: Principal,
  status: number,
  at: Date,
) => {
  const actor = actorOf(principal);
  return db.transaction((tx) =>
    tx.run(
      'INSERT INTO audit_access_log (at, actor_kind, actor_id, method, route, url, status, address) ' +
        'VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      [
        at.toISOString(),
        actor.kind,
        actor.id,
        request.method,
        request.routeOptions.url ?? request.url.split('?')[0],
        request.url.slice(0, 2000),
        status,
        request.ip,
      ],
    ),
  );
};

/**
 * Guards a scope of audit routes: authenticated callers who are not auditors get 403, and every
 * authenticated call, allowed or refused, is written to `audit_access_log` before its answer leaves
 * (so no audit read goes unrecorded: one that cannot be recorded, the disk full, is refused instead).
 * Unauthenticated calls were already answered 401.
 */
export const useAuditAccess = (scope: FastifyInstance, deps: { writeDb: TransactionalSqlDb; now: () => Date }) => {
  scope.addHook('onRequest', async (request, reply) => {
    const principal = request.principal;
    if (principal && !mayAudit(principal))
      return sendProblem(reply, problem(403, 'forbidden', 'only auditors and vendor admins may use the audit API'));
  });
  scope.addHook('onSend', async (request, reply, payload) => {
    if (!request.principal) return payload;
    try {
      await logAccess(deps.writeDb, request, request.principal, reply.statusCode, deps.now());
    } catch (error) {
      // An answer with audit data never leaves unrecorded (it becomes the error's problem, e.g. 507);
      // a refusal carries none and may, or the error's own answer could never be sent.
      if (reply.statusCode < 400) throw error;
    }
    return payload;
  });
};
