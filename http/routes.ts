import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as E from 'fp-ts/lib/Either.js';
import type { z } from 'zod';
import type { Principal } from '../domain/access/index.js';
import type { DomainError } from '../domain/shared/index.js';
import { principalOf } from './authenticate.js';
import { problemOf, sendProblem } from './problem.js';
import { contractOf, type ProblemStatus, type ResponseContract } from './responseContract.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
export type { ProblemStatus } from './responseContract.js';

/** Declared shape of one route; every route of the API is declared this way (and listed by it). */
export interface RouteShape<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  readonly method: Method;
  readonly url: string;
  readonly summary: string;
  readonly tags: readonly string[];
  readonly params?: P;
  readonly query?: Q;
  readonly body?: B;
  /** Problem statuses beyond those every route of its kind may answer (see responseContract.ts). */
  readonly problems?: readonly ProblemStatus[];
}

/** A query's shape: what it answers on success, the schema its handler's body is typed by. */
export interface QueryShape<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType>
  extends RouteShape<P, Q, B> {
  readonly response: R;
  /** 200 unless said (a token issued is a 201). */
  readonly status?: 200 | 201;
  /** The body carries a `version`, sent as `ETag`. */
  readonly versioned?: boolean;
  readonly produces?: 'application/x-ndjson';
}

export interface RouteInput<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  readonly params: z.infer<P>;
  readonly query: z.infer<Q>;
  readonly body: z.infer<B>;
  readonly principal: Principal;
  readonly request: FastifyRequest;
  readonly reply: FastifyReply;
}

/**
 * A query's answer: its body and, for a single aggregate's view, the version for `ETag`. Or the body
 * already serialised (UTF-8 JSON), as kept from an earlier request (read-api/keptAnswers.ts): sent as it
 * stands, with no encoding per request.
 */
export type Answer<T> =
  | { readonly body: T; readonly version?: number }
  | { readonly json: Buffer; readonly version?: number };
export const answer = <T>(body: T, version?: number): Answer<T> => ({ body, version });

/** The route schema Fastify validates with (zod) and the OpenAPI document is generated from. */
export const fastifySchema = (shape: RouteShape<z.ZodType, z.ZodType, z.ZodType>, contract: ResponseContract) => ({
  summary: shape.summary,
  tags: [...shape.tags],
  security: [{ bearer: [] }],
  ...(shape.params ? { params: shape.params } : {}),
  ...(shape.query ? { querystring: shape.query } : {}),
  ...(shape.body ? { body: shape.body } : {}),
  // Read by the OpenAPI transform only: Fastify neither validates nor serialises with it.
  contract,
});

/** A read route: authenticated, validated, answered 200 with an `ETag` when the view has a version. */
export const queryRoute = <P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType>(
  app: FastifyInstance,
  shape: QueryShape<P, Q, B, R>,
  handler: (input: RouteInput<P, Q, B>) => Promise<E.Either<DomainError, Answer<z.input<R>>>>,
) => {
  const status = shape.status ?? 200;
  app.route({
    method: shape.method,
    url: shape.url,
    schema: fastifySchema(
      shape,
      contractOf(shape, {
        kind: 'query',
        status,
        body: shape.response,
        produces: shape.produces,
        headers: shape.versioned ? ['etag'] : [],
      }),
    ),
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
      const out = outcome.right;
      if ('json' in out) return reply.code(status).type('application/json; charset=utf-8').send(out.json);
      return reply.code(status).send(out.body);
    },
  });
};
