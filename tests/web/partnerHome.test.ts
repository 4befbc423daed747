import type { Page } from 'playwright-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { at, list, num, obj, str } from '../support/json.js';
import { axe, fitsWidth, shoot, signIn, startConsole, texts, visit, watch, type Console } from './consoleBrowser.js';

interface Person {
  id: string;
  name: string;
  partnerId: string;
  partnerName: string;
  token: string;
}
interface Ctx {
  c: Console;
  page: Page;
  problems: string[];
  admin: Person;
  rep: Person;
  names: Map<string, string>;
  content: Record<string, string>;
  bodies: unknown[];
}
const test = suite<Ctx>(
  "partner people's home in headless Chromium: " +
    'a partner admin and a sales rep see what is theirs, and nothing of another partner',
);

const personAt = async (c: Console, role: string, notAt: string[] = []): Promise<Person> => {
  const row = await c.platform.reader.get<{
    person_id: string;
    name: string;
    partner_id: string;
    partner_name: string;
  }>(
    `SELECT pe.person_id, pe.name, p.partner_id, p.name AS partner_name
     FROM people pe JOIN partners p ON p.partner_id = pe.partner_id
     WHERE pe.partner_role = ? AND p.status = 'active'
       AND p.partner_id NOT IN (${notAt.map(() => '?').join(', ') || "''"})
     ORDER BY p.employee_count DESC, pe.person_id LIMIT 1`,
    [role, ...notAt],
  );
  assert.ok(row, `an active partner's ${role}`);
  return {
    id: row.person_id,
    name: row.name,
    partnerId: row.partner_id,
    partnerName: row.partner_name,
    token: c.token(row.person_id),
  };
};

test.before(async (ctx) => {
  ctx.c = await startConsole();
  const c = ctx.c;
  ctx.admin = await personAt(c, 'admin');
  ctx.rep = await personAt(c, 'sales', [ctx.admin.partnerId]);
  const partners = obj(await c.api('/partners?limit=500&status=active'));
  ctx.names = new Map(list(partners.items).map((p) => [str(p, 'id'), str(p, 'name')]));
  const other = str(
    list(partners.items).find((p) => at(p, 'id') !== ctx.admin.partnerId && at(p, 'id') !== ctx.rep.partnerId),
    'id',
  );
  // Content for everyone, for the admin's partner only, for another partner only, and for sales people.
  const publish = async (title: string, audience: object) =>
    str(
      await c.post('/content', {
        title,
        kind: 'playbook',
        uri: `https://content.example.com/${encodeURIComponent(title)}`,
        audience,
      }),
      'id',
    );
  ctx.content = {
    everyone: await publish('Channel price list 2026', {}),
    adminPartner: await publish('Joint plan for the admin partner', { partnerIds: [ctx.admin.partnerId] }),
    otherPartner: await publish('Confidential plan for another partner', { partnerIds: [other] }),
    sales: await publish('Sales playbook', { roles: ['sales'] }),
  };
  ctx.page = await c.browser.newPage({ viewport: { width: 1400, height: 1000 } });
  ctx.problems = watch(ctx.page);
  ctx.bodies = [];
  ctx.page.on('response', async (r) => {
    if ((r.headers()['content-type'] ?? '').startsWith('application/json'))
      ctx.bodies.push(await r.json().catch(() => null));
  });
});
test.after(async (ctx) => ctx.c?.close());

/** Every partner id any API answer of the walk carried. */
const partnerIdsIn = (value: unknown, out = new Set<string>()): Set<string> => {
  if (Array.isArray(value)) for (const v of value) partnerIdsIn(v, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (typeof v === 'string' && /^ptr_/.test(v)) out.add(v);
      else if (k !== 'audience') partnerIdsIn(v, out);
    }
  }
  return out;
};

/** Nothing of another partner: no other partner's id in any answer, no other partner's name on the page. */
const onlyTheirs = async (ctx: Ctx, who: Person) => {
  const ids = partnerIdsIn(ctx.bodies);
  assert.equal(
    [...ids].filter((id) => id !== who.partnerId),
    [],
    `answers carried other partners' ids`,
  );
  const text = (await ctx.page.textContent('body')) ?? '';
  const html = await ctx.page.content();
  for (const [id, name] of ctx.names) {
    if (id === who.partnerId) continue;
    assert.not.ok(html.includes(id), `the page holds ${id}`);
    if (!who.partnerName.includes(name)) assert.not.ok(text.includes(name), `the page names ${name}`);
  }
  assert.not.ok(text.includes('Confidential plan for another partner'));
};

const ids = (page: Page, table: string) =>
  page.$$eval(`[data-testid=${table}] tbody tr[data-id]`, (rows) =>
    rows.map((r) => (r as HTMLElement).dataset.id ?? ''),
  );

test(
  'a partner admin lands on their home: ' + 'readiness, expiring certifications, content, deals, points, MDF',
  async (ctx) => {
    const { c, page, admin } = ctx;
    await signIn(page, c.base, admin.token);
    assert.is(await page.textContent('[data-testid=who]'), `${admin.name} · Admin at ${admin.partnerName}`);
    assert.equal(await texts(page, '[data-testid=nav] a'), ['My partner']);
    assert.is(await page.getAttribute('[data-testid=nav] a', 'aria-current'), 'page');
    assert.is(await page.textContent('[data-testid=partner-name]'), admin.partnerName);
    const partner = obj(await c.api(`/partners/${admin.partnerId}`, admin.token));
    assert.is((await ids(page, 'readiness-lines')).length, Object.keys(obj(partner, 'readiness')).length);
    assert.equal((await ids(page, 'content')).sort(), [ctx.content.everyone, ctx.content.adminPartner].sort());
    const deals = obj(await c.api('/deals?limit=200', admin.token));
    assert.match(
      (await page.textContent('#my-deal-list-count')) ?? '',
      new RegExp(`^${list(deals.items).length.toLocaleString('en')} rows?`),
    );
    assert.ok(await page.isVisible('#mdf'));
    const funds = obj(await c.api(`/mdf/funds?partnerId=${admin.partnerId}`, admin.token));
    assert.is((await ids(page, 'funds')).length, list(funds.items).length);
    const points = obj(await c.api(`/partners/${admin.partnerId}/points`, admin.token));
    assert.is(await page.textContent('[data-tile=points-balance] .value'), num(points.balance).toLocaleString('en'));
    const certs = obj(await c.api(`/partners/${admin.partnerId}/certifications`, admin.token));
    const soon = list(certs.items).filter(
      (x) => at(x, 'valid') && Date.parse(str(x, 'expiresAt')) - Date.parse('2026-06-20T17:00:00Z') <= 60 * 86_400_000,
    );
    assert.is((await ids(page, 'expiring-certifications')).length, soon.length);
    await onlyTheirs(ctx, admin);
    await axe(page, 'home (partner admin)');
    await fitsWidth(page, 'home (partner admin)');
    await shoot(page, 'partner-admin-home');
  },
);

test(
  "a partner admin's own partner page works; " + "another partner's and the vendor pages do not exist for them",
  async (ctx) => {
    const { page, admin, names } = ctx;
    await visit(page, `#/partners/${admin.partnerId}`);
    assert.is(await page.textContent('[data-testid=partner-name]'), admin.partnerName);
    await onlyTheirs(ctx, admin);
    await visit(page, '#/pipeline');
    assert.is(await page.textContent('#page h1'), 'Not found');
    const other = [...names.keys()].find((id) => id !== admin.partnerId) ?? '';
    await page.evaluate(`location.hash = '#/partners/${other}'`);
    await page.waitForSelector('#page .error-box');
    assert.match((await page.textContent('#page .error-box')) ?? '', /Not found, or not visible to you/);
    // The API's 404s (and the browser's note of each) were the only failed requests.
    assert.equal(
      ctx.problems.filter((p) => !p.includes(other) && !p.includes('status of 404')),
      [],
    );
    ctx.problems.length = 0;
    ctx.bodies.length = 0;
  },
);

test('at 390 px the home stacks into one column, nothing wider than the window', async (ctx) => {
  const { page } = ctx;
  await page.setViewportSize({ width: 390, height: 844 });
  await visit(page, '#/home');
  await fitsWidth(page, 'home at 390 px');
  await axe(page, 'home at 390 px');
  await shoot(page, 'partner-admin-home-390');
  await page.setViewportSize({ width: 1400, height: 1000 });
});

test('a sales rep: their own registrations, their own points, content for sales people, no MDF', async (ctx) => {
  const { c, page, rep } = ctx;
  await page.click('#sign-out');
  await page.waitForSelector('#sign-in:not([hidden])');
  ctx.bodies.length = 0;
  await signIn(page, c.base, rep.token);
  assert.is(await page.textContent('[data-testid=who]'), `${rep.name} · Sales at ${rep.partnerName}`);
  assert.equal((await ids(page, 'content')).sort(), [ctx.content.everyone, ctx.content.sales].sort());
  const deals = obj(await c.api('/deals?limit=200', rep.token));
  assert.ok(list(deals.items).every((d) => at(d, 'registeredBy') === rep.id));
  assert.match(
    (await page.textContent('#my-deal-list-count')) ?? '',
    new RegExp(`^${list(deals.items).length.toLocaleString('en')} rows?`),
  );
  assert.match((await page.textContent('#my-deals-title')) ?? '', /Your deal registrations/);
  assert.ok((await page.isHidden('#mdf')) || (await page.$('#mdf')) === null);
  assert.match((await page.textContent('[data-tile=points-balance] .label')) ?? '', /Your balance/);
  const points = obj(await c.api(`/partners/${rep.partnerId}/points`, rep.token));
  assert.is(points.scope, 'person');
  assert.is(await page.textContent('[data-tile=points-balance] .value'), num(points.balance).toLocaleString('en'));
  await onlyTheirs(ctx, rep);
  await axe(page, 'home (sales rep)');
  await shoot(page, 'sales-rep-home');
});

test('keyboard: a skip link first, then the navigation; focus is visible', async ({ page }) => {
  // A fresh load (the session keeps the token): focus starts at the top of the document.
  await page.reload();
  await page.waitForSelector('#page[data-ready]');
  await page.keyboard.press('Tab');
  assert.is(await page.evaluate('document.activeElement.textContent'), 'Skip to content');
  await page.keyboard.press('Enter');
  assert.is(await page.evaluate('document.activeElement.id'), 'content');
  assert.not.match(page.url(), /#content/, 'the skip link is no route');
  // From the top again: the skip link, the brand, then the navigation's first link.
  await page.reload();
  await page.waitForSelector('#page[data-ready]');
  for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
  assert.is(await page.evaluate('document.activeElement.textContent'), 'My partner');
  const outline = (await page.evaluate(
    '(() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth]; })()',
  )) as string[];
  assert.is.not(outline[0], 'none');
  assert.ok(Number.parseFloat(outline[1]) >= 2, outline.join(' '));
});

test(
  'each part of a page loads on its own: ' + 'a failing part says so and offers Retry, the rest still shows',
  async (ctx) => {
    const { page } = ctx;
    await page.route('**/partners/*/points*', (route) =>
      route.fulfill({
        status: 500,
        contentType: 'application/problem+json',
        body: JSON.stringify({ status: 500, detail: 'the points are down' }),
      }),
    );
    await page.evaluate(
      `document.getElementById('page').removeAttribute('data-ready'); location.hash = '#/home?again=1'`,
    );
    await page.waitForSelector('#page[data-ready]');
    assert.match(
      (await page.textContent('#points .error-box')) ?? '',
      /Could not load points\. The server answered 500: the points are down/,
    );
    assert.ok((await ids(page, 'content')).length > 0);
    await page.unroute('**/partners/*/points*');
    await page.click('#points [data-retry]');
    await page.waitForSelector('#points [data-tile=points-balance]');
    // While a part loads it says so (a slow answer, held back on purpose).
    await page.route('**/content?*', async (route) => {
      await new Promise((r) => setTimeout(r, 400));
      await route.continue();
    });
    await page.evaluate(`location.hash = '#/home?again=2'`);
    await page.waitForSelector('#content .loading[role=status]');
    await page.waitForSelector('#page[data-ready]');
    await page.unroute('**/content?*');
    assert.ok(
      ctx.problems.every((p) => p.includes('/points') || p.includes('status of 500')),
      ctx.problems.join('\n'),
    );
    ctx.problems.length = 0;
  },
);

test('the axe check itself catches a violation (so a clean report means something)', async ({ page }) => {
  await page.evaluate(
    `document.getElementById('page').insertAdjacentHTML('beforeend', '<input id="unlabelled" type="text">')`,
  );
  let failed = false;
  try {
    await axe(page, 'planted');
  } catch {
    failed = true;
  }
  assert.ok(failed, 'an unlabelled input must be reported');
});

test('no console error, no failed request along the way', ({ problems }) => {
  assert.equal(problems, []);
});

test.run();
