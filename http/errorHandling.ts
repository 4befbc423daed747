import type { FastifyError, FastifyInstance } from 'fastify';
import { trackAllowedMethods } from './allowedMethods.js';
import { drainRequest } from './drainRequest.js';
import { problem, sendProblem } from './problem.js';
import { storageProblemOf } from './storageProblem.js';
import { illFormedJson } from './illFormedJson.js';
import { RequestValidationError } from './zodSchemas.js';

const byFastifyCode: Record<string, [number, string, string]> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported_media_type', 'send JSON with content-type application/json'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'payload_too_large', 'the request body is too large'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'malformed_request', 'content-length does not match the body'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'malformed_json', 'the JSON body is empty'],
};

/** Every failure leaves as application/problem+json; client mistakes are 4xx, never 5xx. */
export const useProblemErrors = (app: FastifyInstance) => {
  const allowedMethods = trackAllowedMethods(app);
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof RequestValidationError)
      return sendProblem(reply, problem(400, 'validation_failed', error.message, error.fieldErrors));
    const known = error.code ? byFastifyCode[error.code] : undefined;
    if (known) return sendProblem(reply, problem(known[0], known[1], known[2]));
    if (error.code === 'MALFORMED_JSON') return sendProblem(reply, problem(400, 'malformed_json', error.message));
    const storage = storageProblemOf(error);
    if (storage) {
      request.log.warn({ err: error }, storage.problem.code);
      if (storage.retryAfter) reply.header('retry-after', String(storage.retryAfter));
      return sendProblem(reply, storage.problem);
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) return sendProblem(reply, problem(status, 'bad_request', error.message));
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, problem(500, 'internal_error', 'an unexpected error occurred; it has been logged'));
  });
  // A refusal sent before the body was read (too large, not JSON, no token, no route) waits for the
  // rest of the upload: a client still sending would otherwise meet a reset instead of the answer.
  app.addHook('onSend', (request, reply, payload, done) => {
    if (reply.statusCode < 400 || request.raw.complete) return done(null, payload);
    void drainRequest(request.raw).then((read) => {
      if (!read) reply.header('connection', 'close');
      done(null, payload);
    });
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0];
    const allowed = allowedMethods(path);
    // A route of this method that found nothing (a static file) is a 404 like any other.
    if (allowed.length && !allowed.includes(request.method))
      return sendProblem(
        reply.header('allow', allowed.join(', ')),
        problem(405, 'method_not_allowed', `${path} answers ${allowed.join(', ')}, not ${request.method}`),
      );
    return sendProblem(reply, problem(404, 'not_found', `no route ${request.method} ${path}`));
  });
  // Our own JSON parser: an empty body is no body, malformed JSON is a 400 with a code.
  app.removeContentTypeParser('application/json');
  // Only JSON is accepted: a text/plain body is a 415, not a string that fails validation.
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, undefined);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      const error = new Error(`malformed JSON: ${(e as Error).message}`) as FastifyError;
      Object.assign(error, { statusCode: 400, code: 'MALFORMED_JSON' });
      return done(error, undefined);
    }
    const refused = illFormedJson(parsed);
    done(refused.length ? new RequestValidationError('body', refused) : null, refused.length ? undefined : parsed);
  });
};
