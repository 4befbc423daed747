import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import { Email } from '../../../domain/shared/index.js';
import type { SqlDb } from '../../../infra/sql/sqlDb.js';
import { loadPrincipal } from '../../../projections/index.js';
import { addressOf } from '../consoleSession.js';
import { recordIdentity, type IdentityRecord } from '../identityAudit.js';
import type { Mailer } from '../identityOptions.js';
import { linkMessage } from '../magicLinkRoutes.js';
import { htmlEscape, paragraph, sendPage, sendRefusal } from '../signInPages.js';
import { personIdByEmail } from '../signInPerson.js';
import type { SignInLinks } from '../signInLinks.js';
import { mayUsePartnerApps } from './prmClaims.js';

export interface InteractionDeps {
  readonly provider: Provider;
  readonly links: SignInLinks;
  readonly reader: SqlDb;
  readonly writeDb: SqlDb;
  readonly mailer: Mailer;
  readonly publicUrl: string;
  readonly now: () => Date;
}

type Params = { uid: string };
const hidden = { config: { public: true }, schema: { hide: true } } as const;

/**
 * Signing in to a partner app through the PRM's provider: the person gives their email, gets a one-time
 * link (the same answer for an unknown address), and the link, opened in the same browser, finishes the
 * interaction: login, and consent to the scopes the vendor admin registered the app for.
 */
export const interactionRoutes = async (app: FastifyInstance, deps: InteractionDeps) => {
  const { provider } = deps;
  const details = (request: FastifyRequest, reply: FastifyReply) =>
    provider.interactionDetails(request.raw, reply.raw).catch(() => undefined);
  const expired = (reply: FastifyReply) =>
    sendPage(
      reply,
      400,
      'Sign-in expired',
      paragraph('This sign-in took too long. Go back to the app and start again.'),
    );
  const audit = (request: FastifyRequest, record: Omit<IdentityRecord, 'method' | 'route' | 'url' | 'address'>) =>
    recordIdentity(
      deps.writeDb,
      {
        ...record,
        method: request.method,
        route: request.routeOptions.url ?? '',
        url: request.url,
        address: addressOf(request),
      },
      deps.now(),
    );
  /** Login and consent (the app is registered by the vendor, its scopes with it), then back to the app. */
  const finish = async (request: FastifyRequest, reply: FastifyReply, accountId: string, clientId: string) => {
    const interaction = await provider.interactionDetails(request.raw, reply.raw);
    const grant = new provider.Grant({ accountId, clientId });
    grant.addOIDCScope(String(interaction.params.scope ?? 'openid'));
    const grantId = await grant.save();
    await audit(request, { event: 'sign_in', actor: { kind: 'person', id: accountId }, status: 303, clientId });
    reply.hijack();
    await provider.interactionFinished(
      request.raw,
      reply.raw,
      { login: { accountId }, consent: { grantId } },
      { mergeWithLastSubmission: false },
    );
  };

  app.get<{ Params: Params }>('/oidc/interaction/:uid', hidden, async (request, reply) => {
    const interaction = await details(request, reply);
    if (!interaction) return expired(reply);
    const clientId = String(interaction.params.client_id);
    // Already signed in here (a session): only the app's consent is missing, given for the person still allowed.
    const accountId = interaction.session?.accountId;
    if (interaction.prompt.name === 'consent' && accountId) {
      const principal = await loadPrincipal(deps.reader, accountId);
      if (principal && mayUsePartnerApps(principal)) return finish(request, reply, accountId, clientId);
    }
    const client = await provider.Client.find(clientId);
    const uid = htmlEscape(request.params.uid);
    return sendPage(
      reply,
      200,
      `Sign in to ${client?.clientName ?? 'a partner app'}`,
      `${paragraph('We email you a one-time sign-in link. Open it in this browser within 15 minutes.')}
<form method="post" action="/oidc/interaction/${uid}/link"><label for="email">Email</label>
<input id="email" name="email" type="email" required autocomplete="email">
<button type="submit">Email me a link</button></form>`,
    );
  });

  await app.register(async (scope) => {
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 4096 },
      (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );
    scope.post<{ Params: Params; Body: { email?: string } }>(
      '/oidc/interaction/:uid/link',
      hidden,
      async (request, reply) => {
        const interaction = await details(request, reply);
        if (!interaction) return expired(reply);
        const parsed = Email.safeParse(request.body?.email ?? '');
        if (!parsed.success)
          return sendPage(reply, 400, 'Check the address', paragraph('That is not an email address.'));
        const email = parsed.data.toLowerCase();
        const address = addressOf(request);
        const now = deps.now();
        if (await deps.links.throttled(email, address, now))
          return sendPage(reply.header('retry-after', '900'), 429, 'Too many links', paragraph('Try again later.'));
        const personId = await personIdByEmail(deps.reader, email);
        const principal = personId ? await loadPrincipal(deps.reader, personId) : undefined;
        const eligible = personId !== undefined && principal !== undefined && mayUsePartnerApps(principal);
        const returnTo = `interaction:${request.params.uid}`;
        const { secret } = await deps.links.issue({ email, ...(eligible ? { personId } : {}), returnTo, address }, now);
        await audit(request, {
          event: eligible ? 'link_issued' : 'sign_in_refused',
          actor: eligible && personId ? { kind: 'person', id: personId } : { kind: 'email', id: email },
          status: 200,
          clientId: String(interaction.params.client_id),
        });
        if (eligible) {
          const link = `${deps.publicUrl}/oidc/interaction/${request.params.uid}/redeem?token=${secret}`;
          setImmediate(() => {
            deps.mailer.send(linkMessage(email, link)).catch((error: unknown) => {
              request.log.error({ err: error }, 'the sign-in link could not be sent');
            });
          });
        }
        return sendPage(
          reply,
          200,
          'Check your mail',
          paragraph('If this address belongs to someone who may sign in, a link is on its way. It works once.'),
        );
      },
    );
  });

  app.get<{ Params: Params; Querystring: { token?: string } }>(
    '/oidc/interaction/:uid/redeem',
    hidden,
    async (request, reply) => {
      const interaction = await details(request, reply);
      if (!interaction) return expired(reply);
      const clientId = String(interaction.params.client_id);
      const token = typeof request.query.token === 'string' ? request.query.token : '';
      const used = token ? await deps.links.redeem(token, deps.now()) : undefined;
      const mine = used?.returnTo === `interaction:${request.params.uid}`;
      const principal = used && mine ? await loadPrincipal(deps.reader, used.personId) : undefined;
      if (!used || !mine || !principal || !mayUsePartnerApps(principal)) {
        await audit(request, {
          event: 'sign_in_refused',
          actor: used ? { kind: 'person', id: used.personId } : { kind: 'anonymous', id: '-' },
          status: 403,
          clientId,
        });
        return sendRefusal(reply, used && mine ? 'departed' : 'expired');
      }
      return finish(request, reply, used.personId, clientId);
    },
  );
};
