import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as E from 'fp-ts/lib/Either.js';
import type { z } from 'zod';
import type { Principal } from '../domain/access/index.js';
import type { DomainError } from '../domain/shared/index.js';
import { principalOf } from './authenticate.js';
import { problemOf, sendProblem } from './problem.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** Declared shape of one route; every route of the API is declared this way (and listed by it). */
export interface RouteShape<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  readonly method: Method;
  readonly url: string;
  readonly summary: string;
  readonly tags: readonly string[];
  readonly params?: P;
  readonly query?: Q;
  readonly body?: B;
}

export interface RouteInput<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  readonly params: z.infer<P>;
  readonly query: z.infer<Q>;
  readonly body: z.infer<B>;
  readonly principal: Principal;
  readonly request: FastifyRequest;
  readonly reply: FastifyReply;
}

/** A query's answer: its body and, for a single aggregate's view, the version for `ETag`. */
export interface Answer {
  readonly body: unknown;
  readonly version?: number;
}
export const answer = (body: unknown, version?: number): Answer => ({ body, version });

export const fastifySchema = (shape: RouteShape<z.ZodType, z.ZodType, z.ZodType>) => ({
  summary: shape.summary,
  tags: [...shape.tags],
  security: [{ bearer: [] }],
  ...(shape.params ? { params: shape.params } : {}),
  ...(shape.query ? { querystring: shape.query } : {}),
  ...(shape.body ? { body: shape.body } : {}),
});

/** A read route: authenticated, validated, answered 200 with an `ETag` when the view has a version. */
export const queryRoute = <P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(
  app: FastifyInstance,
  shape: RouteShape<P, Q, B>,
  handler: (input: RouteInput<P, Q, B>) => Promise<E.Either<DomainError, Answer>>,
) => {
  app.route({
    method: shape.method,
    url: shape.url,
    schema: fastifySchema(shape),
    handler: async (request, reply) => {
      const outcome = await handler({
        params: request.params as z.infer<P>,
        query: request.query as z.infer<Q>,
        body: request.body as z.infer<B>,
        principal: principalOf(request),
        request,
        reply,
      });
      if (E.isLeft(outcome)) return sendProblem(reply, problemOf(outcome.left));
      if (outcome.right.version !== undefined) reply.header('etag', `"${outcome.right.version}"`);
      return reply.send(outcome.right.body);
    },
  });
};
