import type { FastifyReply, FastifyRequest } from 'fastify';

/** One cookie of the request, undefined when absent (RFC 6265 `name=value; …`, values percent-decoded). */
export const cookieOf = (request: FastifyRequest, name: string): string | undefined => {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) {
      try {
        return decodeURIComponent(part.slice(at + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
};

export interface CookieOptions {
  readonly maxAgeSeconds: number;
  readonly path?: string;
  /** Strict for the session (no cross-site request carries it), Lax for the sign-in round trip. */
  readonly sameSite: 'Strict' | 'Lax';
  readonly secure: boolean;
}

/** Adds a `Set-Cookie`, always http-only; a max age of 0 deletes the cookie. */
export const setCookie = (reply: FastifyReply, name: string, value: string, options: CookieOptions) => {
  const attributes = [
    `${name}=${encodeURIComponent(value)}`,
    `Path=${options.path ?? '/'}`,
    `Max-Age=${options.maxAgeSeconds}`,
    'HttpOnly',
    `SameSite=${options.sameSite}`,
    ...(options.secure ? ['Secure'] : []),
  ];
  const previous = reply.getHeader('set-cookie');
  const list = Array.isArray(previous) ? previous : typeof previous === 'string' ? [previous] : [];
  reply.header('set-cookie', [...list, attributes.join('; ')]);
};
