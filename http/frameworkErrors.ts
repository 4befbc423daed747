import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import { problem, sendProblem } from './problem.js';

/**
 * Longer than any id or slug, so that a long path parameter reaches its zod schema and gets a 400
 * at its field; Node caps the request line itself (16 KB of headers).
 */
const MAX_PARAM_LENGTH = 8192;

const byFrameworkCode: Record<string, [number, string, string]> = {
  FST_ERR_BAD_URL: [400, 'malformed_url', 'the URL is not validly percent-encoded'],
  FST_ERR_MAX_PARAM_LENGTH: [414, 'uri_too_long', `a path segment is longer than ${MAX_PARAM_LENGTH} characters`],
};

/** Errors fastify answers before any route or hook runs: a URL it cannot decode, an over-long parameter. */
const frameworkErrors = (error: FastifyError, _request: FastifyRequest, reply: FastifyReply) => {
  const [status, code, detail] = byFrameworkCode[error.code] ?? [400, 'bad_request', error.message];
  return sendProblem(reply, problem(status, code, detail));
};

const byClientError: Record<string, [number, string]> = {
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'request_timeout'],
  HPE_HEADER_OVERFLOW: [431, 'headers_too_large'],
};

/** A request Node's parser refused (malformed HTTP, headers too large, too slow): answered on the socket. */
const clientErrorHandler = (error: Error & { code?: string }, socket: Socket) => {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code] = byClientError[error.code ?? ''] ?? [400, 'malformed_request'];
  const body = JSON.stringify(problem(status, code, `the request could not be read (${error.code ?? 'client error'})`));
  if (socket.writable)
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/problem+json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  socket.destroy(error);
};

/** Server options under which fastify's own refusals are problem+json too (spread into `Fastify({...})`). */
export const problemServerOptions = {
  routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
  frameworkErrors,
  clientErrorHandler,
} satisfies FastifyServerOptions;
