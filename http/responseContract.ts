import type {} from 'fastify';
import { z } from 'zod';

/** Problem statuses a route may declare; anything else (a 5xx) is a fault, never part of the contract. */
export type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 412 | 413 | 415 | 422 | 429 | 501 | 503 | 507;
export type ResponseHeader = 'etag' | 'location' | 'prm-read-models' | 'prm-read-models-position';

/** `Idempotency-Key`: a retry with the same key and body replays the first answer. */
export const IdempotencyKey = z
  .string()
  .regex(/^[\x21-\x7e]{1,255}$/)
  .describe('1 to 255 visible ASCII characters; a retry with the same key and body replays the first answer');
/** `If-Match: "<version>"`: the command applies only while the stream is at that version (else 412). */
export const IfMatch = z
  .string()
  .regex(/^(?:W\/)?"?\d{1,15}"?$/)
  .describe('"<version>" from an ETag: the command applies only while the stream is at that version');
const TraceId = z.string().max(128);

/** Request headers a route may declare, by their lower-case names. */
export const requestHeaderSchemas = {
  'idempotency-key': IdempotencyKey,
  'if-match': IfMatch,
  'x-correlation-id': TraceId.describe('recorded as the events’ correlationId'),
  'x-causation-id': TraceId.describe('recorded as the events’ causationId'),
} as const;
export type RequestHeader = keyof typeof requestHeaderSchemas;

/** Headers every command reads. */
export const commandRequestHeaders: readonly RequestHeader[] = [
  'idempotency-key',
  'if-match',
  'x-correlation-id',
  'x-causation-id',
];
/**
 * Headers every authenticated read accepts. Cluster mode's `PRM-Min-Position` (read-your-writes across
 * nodes) goes here and in `requestHeaderSchemas`: every query route then declares it.
 */
export const queryRequestHeaders: readonly RequestHeader[] = [];

declare module 'fastify' {
  interface FastifySchema {
    /** The route's response contract, read by the OpenAPI transform (http/openApi.ts) and nothing else. */
    contract?: ResponseContract;
  }
}

/** What one route answers: the success status and body, its headers, and the problems it may send. */
export interface ResponseContract {
  readonly status: 200 | 201 | 204;
  /** The success body's schema (none for 204); the handler's return type is inferred from it. */
  readonly body?: z.ZodType;
  readonly produces: 'application/json' | 'application/x-ndjson' | 'text/plain' | 'text/csv' | 'text/event-stream';
  readonly headers: readonly ResponseHeader[];
  readonly problems: readonly ProblemStatus[];
  readonly requestHeaders: readonly RequestHeader[];
}

interface ShapeInputs {
  readonly params?: unknown;
  readonly query?: unknown;
  readonly body?: unknown;
  readonly problems?: readonly ProblemStatus[];
}

/** Problems by kind of route, so most routes declare none of their own. */
const problemsOf = (shape: ShapeInputs, kind: 'command' | 'query'): ProblemStatus[] => {
  const out: ProblemStatus[] = [401];
  if (shape.params || shape.query || shape.body || kind === 'command') out.push(400);
  if (shape.params) out.push(404);
  if (shape.body) out.push(413, 415);
  // A command may be refused by the domain in every way (DESIGN §6) and by If-Match / Idempotency-Key.
  if (kind === 'command') out.push(403, 404, 409, 412, 422);
  // Storage trouble (http/storageProblem.ts): any database read may find it gone, any append a full disk.
  out.push(503);
  if (kind === 'command') out.push(507);
  return [...new Set([...out, ...(shape.problems ?? [])])].sort((a, b) => a - b);
};

export const contractOf = (
  shape: ShapeInputs,
  answer: {
    kind: 'command' | 'query';
    status: 200 | 201 | 204;
    body?: z.ZodType;
    produces?: 'application/x-ndjson';
    headers: readonly ResponseHeader[];
  },
): ResponseContract => ({
  status: answer.status,
  body: answer.body,
  produces: answer.produces ?? 'application/json',
  headers: answer.headers,
  problems: problemsOf(shape, answer.kind),
  requestHeaders: answer.kind === 'command' ? commandRequestHeaders : queryRequestHeaders,
});
