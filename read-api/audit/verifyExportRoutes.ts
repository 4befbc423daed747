import type { FastifyInstance } from 'fastify';
import * as E from 'fp-ts/lib/Either.js';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { answer, queryRoute } from '../../http/routes.js';
import type { AuditDeps } from './auditDeps.js';
import { Position, TextStream, VerifyReportOut } from './auditSchemas.js';
import { auditedProblems } from './auditAccess.js';

const VerifyQuery = z
  .strictObject({
    anchorPosition: z.coerce.number().int().min(1).optional(),
    anchorHash: z
      .string()
      .regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits')
      .optional(),
  })
  .refine((q) => (q.anchorPosition === undefined) === (q.anchorHash === undefined), {
    path: ['anchorHash'],
    message: 'anchorPosition and anchorHash go together',
  });

/** Proof that the log was not altered, and the log itself as NDJSON. Both read a snapshot of their own. */
export const verifyExportRoutes = (app: FastifyInstance, deps: AuditDeps) => {
  queryRoute(
    app,
    {
      method: 'GET',
      url: '/audit/verify',
      tags: ['audit'],
      query: VerifyQuery,
      response: VerifyReportOut,
      problems: [...auditedProblems, 501],
      summary:
        'Walk the hash chain and stream versions; name the first position modified, deleted, inserted or reordered',
    },
    async ({ query }) => {
      const anchor =
        query.anchorPosition !== undefined && query.anchorHash !== undefined
          ? { position: query.anchorPosition, hash: query.anchorHash }
          : undefined;
      return E.right(answer(await deps.log.verify({ anchor })));
    },
  );

  queryRoute(
    app,
    {
      method: 'GET',
      url: '/audit/export',
      tags: ['audit'],
      query: z.strictObject({ after: Position.optional() }),
      response: TextStream,
      produces: 'application/x-ndjson',
      problems: [...auditedProblems, 501],
      summary: 'The stored log after a position as NDJSON, streamed (one envelope per line, hashes included)',
    },
    async ({ query, reply }) => {
      const exported = await deps.log.export({ after: query.after });
      // The snapshot is released when the lines run out, or when the client goes away first.
      reply.raw.once('close', exported.close);
      reply
        .header('content-type', 'application/x-ndjson; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="prm-log-${query.after ?? 0}-${exported.head.position}.ndjson"`,
        )
        .header('x-prm-head-position', String(exported.head.position))
        .header('x-prm-head-hash', exported.head.hash);
      return E.right(answer(Readable.from(exported.lines)));
    },
  );
};
