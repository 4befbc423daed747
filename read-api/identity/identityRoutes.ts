import type { FastifyInstance } from 'fastify';
import type { TransactionalSqlDb, SqlDb } from '../../infra/sql/sqlDb.js';
import { consoleSignInRoutes } from './consoleSignInRoutes.js';
import type { IdentityOptions, Mailer } from './identityOptions.js';
import { magicLinkRoutes } from './magicLinkRoutes.js';
import type { RelyingParty } from './relyingParty.js';
import { sessionRoutes } from './sessionRoutes.js';
import { signInLinks } from './signInLinks.js';
import { interactionRoutes } from './provider/interactionRoutes.js';
import { partnerIdentityProvider } from './provider/partnerIdentityProvider.js';
import { providerRoutes } from './provider/providerRoutes.js';

export interface IdentityDeps {
  readonly options: IdentityOptions;
  readonly relyingParty?: RelyingParty;
  readonly reader: SqlDb;
  readonly writeDb: TransactionalSqlDb;
  readonly jwtSecret: string;
  readonly now: () => Date;
}

/**
 * Signing in (DESIGN §14): to the console with the vendor's provider or a one-time link, sign-out; and the
 * PRM's own OpenID provider at /oidc for partner apps.
 */
export const identityRoutes = async (app: FastifyInstance, deps: IdentityDeps) => {
  const kit = { jwtSecret: deps.jwtSecret, publicUrl: deps.options.publicUrl, now: deps.now };
  // Without SMTP the link goes to the server log, for whoever runs the server to pass on.
  const mailer: Mailer = deps.options.mailer ?? {
    send: async (message) => {
      app.log.info({ mail: message }, `mail to ${message.to} (PRM_SMTP_URL unset): ${message.subject}`);
    },
  };
  sessionRoutes(app, {
    ...kit,
    provider: deps.relyingParty !== undefined,
    devTokenSignIn: deps.options.devTokenSignIn,
  });
  const links = signInLinks(deps.writeDb);
  magicLinkRoutes(app, {
    ...kit,
    links,
    reader: deps.reader,
    writeDb: deps.writeDb,
    mailer,
  });
  consoleSignInRoutes(app, {
    ...kit,
    ...(deps.relyingParty ? { relyingParty: deps.relyingParty } : {}),
    reader: deps.reader,
    writeDb: deps.writeDb,
  });
  const provider = await partnerIdentityProvider({
    ...kit,
    reader: deps.reader,
    writeDb: deps.writeDb,
    warn: (detail, message) => app.log.warn(detail, message),
  });
  await interactionRoutes(app, { ...kit, provider, links, reader: deps.reader, writeDb: deps.writeDb, mailer });
  await providerRoutes(app, provider);
};
