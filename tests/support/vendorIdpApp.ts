import { freePort } from './freePort.js';
import { startTestApp, type TestApp } from './testApp.js';
import { startTestOpenIdProvider, type TestOpenIdProvider } from './testOpenIdProvider.js';

/** The console's registration at the test IdP. */
export const vendorIdpClient = { clientId: 'prm-console', clientSecret: 'console-secret-0123456789' };

/**
 * The PRM listening on loopback as relying party of a real oidc-provider standing in for the vendor's
 * IdP (DESIGN §14), the token form off. The IdP stamps tokens with the real time, so the PRM's clock
 * stands at the same instant. The PRM's port is chosen before the IdP starts (the redirect URI names
 * it), and the IdP's own port 0 may then be given that very port: the PRM's listen fails with
 * EADDRINUSE. Then both are closed and a new port is tried; a failed start closes what it started, so
 * no server is left to keep the test process alive.
 */
export const startAppWithVendorIdp = async (): Promise<{ t: TestApp; idp: TestOpenIdProvider; base: string }> => {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const idp = await startTestOpenIdProvider({ ...vendorIdpClient, redirectUris: [`${base}/auth/callback`] });
    let t: TestApp | undefined;
    try {
      t = await startTestApp({
        now: new Date().toISOString(),
        identity: { publicUrl: base, relyingParty: { issuer: idp.issuer, ...vendorIdpClient }, devTokenSignIn: false },
      });
      await t.app.listen({ port, host: '127.0.0.1' });
      return { t, idp, base };
    } catch (error) {
      await t?.dispose();
      await idp.close();
      if (attempt === 3 || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    }
  }
};
