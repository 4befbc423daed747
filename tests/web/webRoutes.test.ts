import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startTestApp, type TestApp } from '../support/testApp.js';

const test = suite<{ t: TestApp }>('the channel console is served at / as public static files');
test.before(async (ctx) => {
  ctx.t = await startTestApp();
});
test.after(async (ctx) => ctx.t?.dispose());

test('the page, its styles, its modules and its icon need no token; the API still does', async ({ t }) => {
  const page = await t.get('/', null);
  assert.is(page.status, 200);
  assert.match(String(page.headers['content-type']), /^text\/html/);
  assert.match(String(page.body), /<script type="module" src="\/src\/app.js">/);
  assert.match(String(page.headers['content-security-policy']), /default-src 'self'/);
  const css = await t.get('/styles.css', null);
  assert.is(css.status, 200);
  assert.match(String(css.headers['content-type']), /^text\/css/);
  // Browsers ask for /favicon.ico on every page: an icon, not a 401.
  for (const icon of ['/favicon.ico', '/favicon.svg']) {
    const r = await t.get(icon, null);
    assert.is(r.status, 200, icon);
    assert.match(String(r.headers['content-type']), /^image\/svg\+xml/);
    assert.match(String(r.body), /<svg/);
  }
  assert.is((await t.get('/scorecards', null)).status, 401);
});

test('TypeScript modules are served transpiled to JavaScript, from web/src and its folders', async ({ t }) => {
  const app = await t.get('/src/app.js', null);
  assert.is(app.status, 200);
  assert.match(String(app.headers['content-type']), /^text\/javascript/);
  assert.match(String(app.body), /from ".\/api.js"/);
  assert.not.match(String(app.body), /import type|: Api\b|<ChannelHealth>/);
  const quadrant = await t.get('/src/charts/quadrant.js', null);
  assert.is(quadrant.status, 200);
  assert.match(String(quadrant.body), /export \{[^}]*quadrantChart/);
  const page = await t.get('/src/pages/overview.js', null);
  assert.is(page.status, 200);
  assert.match(String(page.body), /from "..\/ui\/html.js"/);
});

test('nothing else under web/ is reachable', async ({ t }) => {
  for (const path of [
    '/src/missing.js',
    '/src/app.ts',
    '/src/..%2FwebRoutes.js',
    '/src/web-routes.js',
    '/webRoutes.ts',
    '/src/types.d.js',
    '/src/pages/..%2F..%2FwebRoutes.js',
    '/src/pages/..%2Fapp.js',
    '/src/other/app.js',
    '/src/pages/missing.js',
    '/src/ui/html.ts',
    '/index.html',
    '/favicon.png',
  ])
    assert.ok([404, 401].includes((await t.get(path, null)).status), path);
});

test.run();
