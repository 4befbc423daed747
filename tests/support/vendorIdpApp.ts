import { freePort } from './freePort.js';
import { startTestApp, type TestApp } from './testApp.js';
import { startTestOpenIdProvider, type TestOpenIdProvider } from './testOpenIdProvider.js';

/** The console's registration at the test IdP. */
export const vendorIdpClient = { clientId: 'prm-console', clientSecret: 'console-secret-0123456789' };

/**
 * The PRM listening on loopback as relying party of a real oidc-provider standing in for the vendor's
 * IdP (DESIGN §14), the token form off. The IdP stamps tokens with the real time, so the PRM's clock
 * stands at the same instant.
 */
export const startAppWithVendorIdp = async (): Promise<{ t: TestApp; idp: TestOpenIdProvider; base: string }> => {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const idp = await startTestOpenIdProvider({ ...vendorIdpClient, redirectUris: [`${base}/auth/callback`] });
  const t = await startTestApp({
    now: new Date().toISOString(),
    identity: { publicUrl: base, relyingParty: { issuer: idp.issuer, ...vendorIdpClient }, devTokenSignIn: false },
  });
  await t.app.listen({ port, host: '127.0.0.1' });
  return { t, idp, base };
};
