/**
 * The console's "Sign in" through the vendor's OpenID provider (DESIGN §14), in headless Chromium: a
 * real oidc-provider on loopback as the vendor's IdP, the PRM as relying party. The person clicks "Sign in
 * with your company account", the IdP signs them in, and the console shows their own partner; the token
 * form is not offered (PRM_DEV_TOKEN_SIGNIN unset); signing out ends the session for a reload too.
 */
import { chromium, type Browser } from 'playwright-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { activePartner, expectStatus } from '../http/fixtures.js';
import { str } from '../support/json.js';
import type { TestApp } from '../support/testApp.js';
import type { TestOpenIdProvider } from '../support/testOpenIdProvider.js';
import { startAppWithVendorIdp } from '../support/vendorIdpApp.js';
import { watch } from './consoleBrowser.js';

const test = suite<{ t: TestApp; idp: TestOpenIdProvider; base: string; browser: Browser }>(
  'console: sign in with the vendor identity provider (Chromium)',
);

test.before(async (ctx) => {
  Object.assign(ctx, await startAppWithVendorIdp());
  ctx.browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
});
test.after(async (ctx) => {
  await ctx.browser?.close();
  await ctx.t?.dispose();
  await ctx.idp?.close();
});

test('a partner person signs in through the IdP and the console shows their own partner', async ({
  t,
  idp,
  base,
  browser,
}) => {
  const partnerId = await activePartner(t, { name: 'Sunrise Systems' });
  const person = str(
    expectStatus(await t.post('/people', { name: 'Ines Ortega', email: 'ines@sunrise.example' }), 201).body,
    'id',
  );
  expectStatus(await t.post(`/partners/${partnerId}/employees`, { personId: person, role: 'admin' }), 200);
  idp.signInAs({ email: 'ines@sunrise.example', emailVerified: true });

  const page = await browser.newPage();
  const problems = watch(page);
  await page.goto(`${base}/`);
  await page.waitForSelector('[data-testid=sign-in-provider]');
  assert.not.ok(await page.isVisible('[data-testid=token]'), 'no token form outside development');
  await page.click('[data-testid=sign-in-provider]');
  await page.waitForSelector('#page[data-ready]');
  assert.is(await page.textContent('[data-testid=who]'), 'Ines Ortega · Admin at Sunrise Systems');
  assert.match((await page.textContent('#page h1')) ?? '', 'Sunrise Systems');
  // A reload keeps the session (the cookie); signing out ends it, for a reload too.
  await page.reload();
  await page.waitForSelector('#page[data-ready]');
  await page.click('#sign-out');
  await page.waitForSelector('#sign-in:not([hidden])');
  await page.reload();
  await page.waitForSelector('[data-testid=sign-in-provider]');
  assert.ok(await page.isVisible('#sign-in'), 'signed out after a reload');
  assert.equal(problems, []);
  await page.close();
});

test('someone the PRM does not know gets the refusal page, and no session', async ({ idp, base, browser }) => {
  idp.signInAs({ email: 'stranger@elsewhere.example', emailVerified: true });
  const page = await browser.newPage();
  await page.goto(`${base}/`);
  await page.click('[data-testid=sign-in-provider]');
  await page.waitForSelector('[data-refusal=unknown]');
  assert.match((await page.textContent('h1')) ?? '', 'Cannot sign you in');
  await page.click('[data-refusal=unknown]');
  await page.waitForSelector('[data-testid=sign-in-provider]');
  assert.ok(await page.isVisible('#sign-in'));
  await page.close();
});

test.run();
