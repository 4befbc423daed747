import type { FastifyError, FastifyInstance } from 'fastify';
import { isPostgresUnavailable } from '../eventstore/postgres/unavailable.js';
import { problem, sendProblem } from './problem.js';
import { RequestValidationError } from './zodSchemas.js';

const byFastifyCode: Record<string, [number, string, string]> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported_media_type', 'send JSON with content-type application/json'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'payload_too_large', 'the request body is too large'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'malformed_request', 'content-length does not match the body'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'malformed_json', 'the JSON body is empty'],
};

/** Every failure leaves as application/problem+json; client mistakes are 4xx, never 5xx. */
export const useProblemErrors = (app: FastifyInstance) => {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof RequestValidationError)
      return sendProblem(reply, problem(400, 'validation_failed', error.message, error.fieldErrors));
    const known = error.code ? byFastifyCode[error.code] : undefined;
    if (known) return sendProblem(reply, problem(known[0], known[1], known[2]));
    if (error.code === 'MALFORMED_JSON') return sendProblem(reply, problem(400, 'malformed_json', error.message));
    // Cluster mode (issue 14), kept minimal: PostgreSQL unreachable or restarting is a 503 to retry,
    // not a fault; to fold into the shared classification (isDatabaseUnavailable) and mapping.
    if (isPostgresUnavailable(error))
      return sendProblem(
        reply.header('retry-after', '2'),
        problem(
          503,
          'database_unavailable',
          'the database is unavailable right now; nothing was changed, retry shortly',
        ),
      );
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) return sendProblem(reply, problem(status, 'bad_request', error.message));
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, problem(500, 'internal_error', 'an unexpected error occurred; it has been logged'));
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, problem(404, 'not_found', `no route ${request.method} ${request.url.split('?')[0]}`)),
  );
  // Our own JSON parser: an empty body is no body, malformed JSON is a 400 with a code.
  app.removeContentTypeParser('application/json');
  // Only JSON is accepted: a text/plain body is a 415, not a string that fails validation.
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch (e) {
      const error = new Error(`malformed JSON: ${(e as Error).message}`) as FastifyError;
      Object.assign(error, { statusCode: 400, code: 'MALFORMED_JSON' });
      done(error, undefined);
    }
  });
};
