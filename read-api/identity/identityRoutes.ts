import type { FastifyInstance } from 'fastify';
import type { TransactionalSqlDb, SqlDb } from '../../infra/sql/sqlDb.js';
import { consoleSignInRoutes } from './consoleSignInRoutes.js';
import type { IdentityOptions, Mailer } from './identityOptions.js';
import { magicLinkRoutes } from './magicLinkRoutes.js';
import type { RelyingParty } from './relyingParty.js';
import { sessionRoutes } from './sessionRoutes.js';
import { signInLinks } from './signInLinks.js';

export interface IdentityDeps {
  readonly options: IdentityOptions;
  readonly relyingParty?: RelyingParty;
  readonly reader: SqlDb;
  readonly writeDb: TransactionalSqlDb;
  readonly jwtSecret: string;
  readonly now: () => Date;
}

/** Signing in to the console (DESIGN §14): the vendor's provider, one-time links, sign-out. */
export const identityRoutes = (app: FastifyInstance, deps: IdentityDeps) => {
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
  magicLinkRoutes(app, {
    ...kit,
    links: signInLinks(deps.writeDb),
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
};
