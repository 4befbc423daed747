/** The vendor's OpenID provider the console signs people in with (DESIGN §14). */
export interface RelyingPartyOptions {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret?: string;
  /** The `aud` API access tokens of that issuer must carry; default the client id. */
  readonly audience?: string;
}

/** Sends one message; the server log stands in when no SMTP server is configured. */
export interface Mailer {
  readonly send: (message: { to: string; subject: string; text: string }) => Promise<void>;
}

/** How people sign in: the vendor's provider, one-time links, the PRM's own provider for partner apps. */
export interface IdentityOptions {
  /** Where browsers reach this server (links, redirect URIs, the issuer of the PRM's provider). */
  readonly publicUrl: string;
  readonly relyingParty?: RelyingPartyOptions;
  readonly mailer?: Mailer;
  /** The console's "paste a token" form: development only. */
  readonly devTokenSignIn: boolean;
}

/** Seconds of clock difference tolerated between this server and an identity provider. */
export const CLOCK_SKEW_SECONDS = 60;
/** A console session (the http-only cookie) lasts this long. */
export const SESSION_SECONDS = 8 * 3600;
export const SESSION_COOKIE = 'prm_session';
