import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { contractOf, type ProblemStatus } from '../../http/responseContract.js';
import { fastifySchema } from '../../http/routes.js';

/** A route anyone may call (no token): declared in the contract like every other, with no security. */
export const publicRoute = <B extends z.ZodType, R extends z.ZodType>(
  app: FastifyInstance,
  shape: {
    method: 'GET' | 'POST';
    url: string;
    summary: string;
    body?: B;
    response: R;
    problems?: readonly ProblemStatus[];
  },
  handler: (request: FastifyRequest<{ Body: z.infer<B> }>, reply: FastifyReply) => Promise<z.input<R> | FastifyReply>,
) =>
  app.route<{ Body: z.infer<B> }>({
    method: shape.method,
    url: shape.url,
    config: { public: true },
    schema: {
      ...fastifySchema(
        { ...shape, tags: ['auth'] },
        contractOf({ ...shape }, { kind: 'query', status: 200, body: shape.response, headers: [] }),
      ),
      security: [],
    },
    handler,
  });
