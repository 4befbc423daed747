import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startTestApp, type TestApp } from '../support/testApp.js';

const test = suite<{ t: TestApp }>('the web dashboard is served at / as public static files');
test.before(async (ctx) => {
  ctx.t = await startTestApp();
});
test.after(async (ctx) => ctx.t?.dispose());

test('the page, its styles and its modules need no token; the API still does', async ({ t }) => {
  const page = await t.get('/', null);
  assert.is(page.status, 200);
  assert.match(String(page.headers['content-type']), /^text\/html/);
  assert.match(String(page.body), /<script type="module" src="\/src\/app.js">/);
  assert.match(String(page.headers['content-security-policy']), /default-src 'self'/);
  const css = await t.get('/styles.css', null);
  assert.is(css.status, 200);
  assert.match(String(css.headers['content-type']), /^text\/css/);
  assert.is((await t.get('/scorecards', null)).status, 401);
});

test('TypeScript modules are served transpiled to JavaScript', async ({ t }) => {
  const app = await t.get('/src/app.js', null);
  assert.is(app.status, 200);
  assert.match(String(app.headers['content-type']), /^text\/javascript/);
  assert.match(String(app.body), /from ".\/api.js"/);
  assert.not.match(String(app.body), /import type|: Api\b|<ChannelHealth>/);
  const quadrant = await t.get('/src/quadrant.js', null);
  assert.is(quadrant.status, 200);
  assert.match(String(quadrant.body), /export \{[^}]*renderQuadrant/);
});

test('nothing else under web/ is reachable', async ({ t }) => {
  for (const path of ['/src/missing.js', '/src/app.ts', '/src/..%2FwebRoutes.js', '/src/web-routes.js', '/webRoutes.ts', '/src/types.d.js'])
    assert.ok([404, 401].includes((await t.get(path, null)).status), path);
});

test.run();
