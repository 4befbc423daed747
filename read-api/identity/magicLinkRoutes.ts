import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../commands/auth/actorOf.js';
import { Email } from '../../domain/shared/index.js';
import { named } from '../../http/contract.js';
import { problem, sendProblem } from '../../http/problem.js';
import type { SqlDb } from '../../infra/sql/sqlDb.js';
import { loadPrincipal } from '../../projections/index.js';
import { addressOf, startSession, type SessionKit } from './consoleSession.js';
import { recordIdentity } from './identityAudit.js';
import type { Mailer } from './identityOptions.js';
import { publicRoute } from './publicRoute.js';
import { sendRefusal } from './signInPages.js';
import { maySignIn, personIdByEmail } from './signInPerson.js';
import { LINK_MINUTES, THROTTLE_MINUTES, type SignInLinks } from './signInLinks.js';

export interface MagicLinkDeps extends SessionKit {
  readonly links: SignInLinks;
  readonly reader: SqlDb;
  readonly writeDb: SqlDb;
  readonly mailer: Mailer;
}

const LinkSent = named(
  'SignInLinkSent',
  z.object({ detail: z.string().describe('the same answer whether or not the address is registered') }),
);
const SENT = {
  detail:
    'If this address belongs to someone registered, a sign-in link is on its way. ' +
    `It works once, within ${LINK_MINUTES} minutes.`,
};

/** The link in a message (mail, or the server log when no SMTP server is configured). */
export const linkMessage = (to: string, link: string) => ({
  to,
  subject: 'Your sign-in link',
  text:
    `Sign in to the PRM channel console:\n\n${link}\n\n` +
    `The link works once, within ${LINK_MINUTES} minutes. If you did not ask for it, ignore this message.\n`,
});

/**
 * `POST /auth/magic-links {email}`: a one-time sign-in link by mail, for partner people without an account at
 * the vendor's identity provider. The answer never tells whether the address is known; asks are throttled per
 * address and per caller (429). `GET /auth/magic-links/redeem?token=` signs the person in once.
 */
export const magicLinkRoutes = (app: FastifyInstance, deps: MagicLinkDeps) => {
  publicRoute(
    app,
    {
      method: 'POST',
      url: '/auth/magic-links',
      summary: 'Send a one-time sign-in link to an email address (the same answer whether or not it is known)',
      body: z.strictObject({ email: Email }),
      response: LinkSent,
      problems: [429],
    },
    async (request, reply) => {
      const email = request.body.email.trim().toLowerCase();
      const address = addressOf(request);
      const now = deps.now();
      if (await deps.links.throttled(email, address, now))
        return sendProblem(
          reply.header('retry-after', String(THROTTLE_MINUTES * 60)),
          problem(429, 'rate_limited', 'too many sign-in links asked for; try again later'),
        );
      const personId = await personIdByEmail(deps.reader, email);
      const principal = personId ? await loadPrincipal(deps.reader, personId) : undefined;
      const eligible = personId !== undefined && principal !== undefined && maySignIn(principal);
      const { secret } = await deps.links.issue({ email, ...(eligible ? { personId } : {}), address }, now);
      await recordIdentity(
        deps.writeDb,
        {
          event: eligible ? 'link_issued' : 'sign_in_refused',
          actor: eligible && principal ? actorOf(principal) : { kind: 'email', id: email },
          method: 'POST',
          route: '/auth/magic-links',
          url: request.url,
          status: 200,
          address,
        },
        now,
      );
      // Sent after answering, so the answer takes as long for an unknown address as for a known one.
      if (eligible) {
        const link = `${deps.publicUrl}/auth/magic-links/redeem?token=${secret}`;
        setImmediate(() => {
          deps.mailer.send(linkMessage(email, link)).catch((error: unknown) => {
            request.log.error({ err: error }, 'the sign-in link could not be sent');
          });
        });
      }
      return SENT;
    },
  );

  app.get<{ Querystring: { token?: string } }>(
    '/auth/magic-links/redeem',
    { config: { public: true }, schema: { hide: true } },
    async (request, reply) => {
      const token = typeof request.query.token === 'string' ? request.query.token : '';
      const now = deps.now();
      const used = token ? await deps.links.redeem(token, now) : undefined;
      const principal = used && !used.returnTo ? await loadPrincipal(deps.reader, used.personId) : undefined;
      const ok = used !== undefined && principal !== undefined && maySignIn(principal);
      await recordIdentity(
        deps.writeDb,
        {
          event: ok ? 'sign_in' : 'sign_in_refused',
          actor: used ? { kind: 'person', id: used.personId } : { kind: 'anonymous', id: '-' },
          method: 'GET',
          route: '/auth/magic-links/redeem',
          url: request.url,
          status: ok ? 303 : 403,
          address: addressOf(request),
        },
        now,
      );
      if (!used || !ok) return sendRefusal(reply, used ? 'departed' : 'expired');
      startSession(reply, deps, used.personId);
      return reply.code(303).header('location', '/').send();
    },
  );
};
