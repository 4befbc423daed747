import type { FastifyReply, FastifyRequest } from 'fastify';
import { setCookie } from '../../http/cookies.js';
import { signToken } from '../../http/jwt.js';
import { SESSION_COOKIE, SESSION_SECONDS } from './identityOptions.js';

export interface SessionKit {
  readonly jwtSecret: string;
  readonly publicUrl: string;
  readonly now: () => Date;
}

/** Secure cookies whenever browsers reach us over https (always in production; a loopback test may not). */
export const secureCookies = (kit: { publicUrl: string }) => kit.publicUrl.startsWith('https:');

/**
 * The console's session: the person's token (as `POST /auth/tokens` issues) in an http-only, same-site
 * (Strict) cookie, for 8 hours; every request re-reads the person, so one who departs loses access at once.
 */
export const startSession = (reply: FastifyReply, kit: SessionKit, personId: string) => {
  const iat = Math.floor(kit.now().getTime() / 1000);
  const token = signToken(kit.jwtSecret, { sub: personId, iat, exp: iat + SESSION_SECONDS });
  setCookie(reply, SESSION_COOKIE, token, {
    maxAgeSeconds: SESSION_SECONDS,
    sameSite: 'Strict',
    secure: secureCookies(kit),
  });
};

export const endSession = (reply: FastifyReply, kit: SessionKit) =>
  setCookie(reply, SESSION_COOKIE, '', { maxAgeSeconds: 0, sameSite: 'Strict', secure: secureCookies(kit) });

/** The caller's address as the audit log records it. */
export const addressOf = (request: FastifyRequest) => request.ip;
