import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { DomainError, DomainErrorCode } from '../domain/shared/index.js';
import { named, UriOut } from './contract.js';

export interface FieldError {
  readonly path: string;
  readonly message: string;
}

/**
 * Every `code` a problem may carry: the contract's enum, so a client switches on it with types. A new
 * code must be added here, or the response check of the tests refuses the problem that carries it.
 */
export const ProblemCode = z.enum([
  'validation_failed',
  'malformed_json',
  'malformed_request',
  'bad_request',
  'unauthenticated',
  'invalid_token',
  'forbidden',
  'not_found',
  'invalid_state',
  'duplicate',
  'channel_conflict',
  'concurrent_modification',
  'version_mismatch',
  'payload_too_large',
  'unsupported_media_type',
  'idempotency_key_reused',
  'insufficient_funds',
  'insufficient_points',
  'limit_exceeded',
  'no_eligible_partner',
  'internal_error',
  'not_supported',
  'malformed_url',
  'method_not_allowed',
  'uri_too_long',
  'request_timeout',
  'headers_too_large',
  'database_unavailable',
  'storage_full',
  'rate_limited',
]);

/** RFC 9457 problem details, with our machine-readable `code` (the `Problem` component). */
export const ProblemBody = named(
  'Problem',
  z.object({
    type: UriOut,
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: ProblemCode,
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
);

/** RFC 9457 problem details, with our machine-readable `code`. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code: string;
  readonly errors?: readonly FieldError[];
}

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  503: 'Service Unavailable',
  507: 'Insufficient Storage',
};

export const problem = (status: number, code: string, detail: string, errors?: readonly FieldError[]): Problem => ({
  type: `https://prm.dev/problems/${code.replace(/_/g, '-')}`,
  title: titles[status] ?? 'Error',
  status,
  detail,
  code,
  ...(errors?.length ? { errors } : {}),
});

/** DESIGN §6: how each domain refusal reads over HTTP. */
export const statusOf: Record<DomainErrorCode, number> = {
  validation_failed: 400,
  forbidden: 403,
  not_found: 404,
  invalid_state: 409,
  duplicate: 409,
  channel_conflict: 409,
  insufficient_funds: 422,
  insufficient_points: 422,
  limit_exceeded: 422,
  no_eligible_partner: 409,
};

export const problemOf = (error: DomainError): Problem =>
  problem(statusOf[error.code], error.code, error.message, error.errors);

export const sendProblem = (reply: FastifyReply, p: Problem) =>
  reply.code(p.status).header('content-type', 'application/problem+json; charset=utf-8').send(p);

/** zod issue path `['customer', 'domain']` -> `customer.domain`; array indices as `proof[0].uri`. */
export const pathOf = (path: readonly PropertyKey[]): string =>
  path.reduce<string>(
    (acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)),
    '',
  );
