import type { Page } from 'playwright-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { at, list, num, obj, str } from '../support/json.js';
import {
  ADMIN_KEY,
  axe,
  fitsWidth,
  shoot,
  signIn,
  startConsole,
  texts,
  visit,
  watch,
  type Console,
} from './consoleBrowser.js';

interface Ctx {
  c: Console;
  page: Page;
  problems: string[];
  manager: string;
  partnerId: string;
}
const test = suite<Ctx>(
  'the vendor console in headless Chromium: a vendor admin and a regional channel manager walk their pages',
);

test.before(async (ctx) => {
  ctx.c = await startConsole();
  ctx.manager = ctx.c.token(ctx.c.report.channelManagers.emea[0]);
  ctx.page = await ctx.c.browser.newPage({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
  ctx.problems = watch(ctx.page);
});
test.after(async (ctx) => ctx.c?.close());

const rowIds = (page: Page, table: string) =>
  page.$$eval(`[data-testid=${table}] tbody tr[data-id]`, (rows) =>
    rows.map((r) => (r as HTMLElement).dataset.id ?? ''),
  );
const column = (page: Page, table: string, key: string) => texts(page, `[data-testid=${table}] td[data-col=${key}]`);

test('a wrong token is refused on the sign-in form, whose header shows nothing of a session', async ({
  c,
  page,
  problems,
}) => {
  await page.goto(`${c.base}/`);
  assert.ok(await page.isHidden('#who'), 'no "Sign out" before signing in');
  assert.ok(await page.isHidden('#nav'));
  await page.fill('[data-testid=token]', 'not-a-token');
  await page.click('[data-testid=sign-in]');
  await page.waitForSelector('#sign-in-error:not([hidden])');
  assert.match((await page.textContent('#sign-in-error')) ?? '', /not valid/);
  assert.ok(await page.isHidden('#page'));
  await axe(page, 'sign-in');
  await shoot(page, 'sign-in');
  // The refusal is the one failed request so far (the browser logs it as well).
  assert.equal(
    problems.filter(
      (p) => !p.startsWith('console: Failed to load resource: the server responded with a status of 401'),
    ),
    [`401 ${c.base}/me`],
  );
  problems.length = 0;
});

test(
  'the vendor admin: overview with KPI tiles for the quarter to date, ' + 'trends, the quadrant with a dot per region',
  async ({ c, page }) => {
    await signIn(page, c.base, ADMIN_KEY);
    const health = obj(await c.api('/dashboards/channel-health'));
    assert.is(health.period, '2026-Q2');
    assert.match(
      (await page.textContent('[data-testid=period-label]')) ?? '',
      /2026-Q2 · quarter to date, day 81 of 91/,
    );
    assert.equal(
      await page.$$eval('[data-testid=tiles] .tile', (els) => els.map((e) => (e as HTMLElement).dataset.tile)),
      ['partners', 'quota', 'revenue', 'conversion', 'ready', 'certified'],
    );
    assert.is(await page.textContent('[data-tile=partners] .value'), String(at(health.partners, 'active')));
    // A running quarter is compared like for like: the previous quarter's same 81 days.
    assert.match(
      (await page.textContent('[data-tile=revenue] .sub')) ?? '',
      /vs 2026-Q1 days 1–81 \(same days\)|nothing won/,
    );
    assert.match((await page.textContent('[data-tile=revenue] .label')) ?? '', /to date/);
    assert.equal(await page.$$eval('[data-trend]', (els) => els.map((e) => (e as HTMLElement).dataset.trend)), [
      'revenue',
      'quota',
      'conversion',
      'active',
      'certified',
    ]);
    // Eight periods in the trend table, the running one marked.
    const periods = await column(page, 'trend-figures', 'period');
    assert.is(periods.length, 8);
    assert.is(periods[0], '2026-Q2 (to date)');
    assert.is(await page.getAttribute('[data-testid=quadrant] svg', 'data-quadrant'), at(health.quadrant, 'name'));
    const regions = obj(await c.api('/dashboards/regions'));
    const dots = await page.$$eval('[data-testid=quadrant] [data-dot]', (els) =>
      els.map((e) => (e as HTMLElement).dataset.dot),
    );
    assert.equal(dots, ['channel', ...list(regions.items).map((r) => `region-${at(r, 'region')}`)]);
    assert.ok(list(regions.items).length >= 3);
    // A trail of four quarters per dot: three past positions and the current one.
    assert.is(await page.$$eval('[data-dot=channel] circle', (els) => els.length), 4);
    await axe(page, 'overview (vendor admin)');
    await fitsWidth(page, 'overview');
    await shoot(page, 'admin-overview');
  },
);

test('tier signals lead to the partner page; back returns to the overview', async ({ c, page }) => {
  const signals = obj(await c.api('/dashboards/tier-signals?limit=200'));
  if (list(signals.items).length === 0) return;
  const first =
    (await page.$$eval('[data-testid=signal-list] tbody a', (as) => as.map((a) => a.getAttribute('href'))))[0] ?? '';
  await page.click(`[data-testid=signal-list] tbody a[href="${first}"]`);
  await page.waitForSelector('#page[data-ready^="/partners/"]');
  assert.match(page.url(), /#\/partners\/ptr_/);
  await page.goBack();
  await page.waitForSelector('#page[data-ready="/?"]');
  assert.ok(await page.isVisible('[data-testid=quadrant]'));
});

test('another period reloads the overview, and it is a deep link', async ({ c, page }) => {
  await page.selectOption('[data-testid=period]', '2026-Q1');
  await page.waitForSelector('#page[data-ready="/?period=2026-Q1"]');
  const health = obj(await c.api('/dashboards/channel-health?period=2026-Q1'));
  assert.is(await page.getAttribute('[data-testid=quadrant] svg', 'data-quadrant'), at(health.quadrant, 'name'));
  assert.is(await page.textContent('[data-tile=partners] .value'), String(at(health.partners, 'active')));
  assert.is(await page.textContent('[data-testid=period-label]'), '2026-Q1 · the channel');
  assert.match((await page.textContent('[data-tile=revenue] .sub')) ?? '', /vs 2025-Q4|nothing won/);
});

test(
  'partners: every partner, search, filters and sorting kept in the URL, ' + 'CSV export, a row leads to its page',
  async ({ c, page }) => {
    await visit(page, '#/partners');
    const cards = obj(await c.api('/scorecards?limit=500'));
    assert.equal(
      (await rowIds(page, 'partners')).sort(),
      list(cards.items)
        .map((s) => at(s, 'partnerId'))
        .sort(),
    );
    assert.is(await page.textContent('[data-testid=partner-count]'), `${list(cards.items).length} partners`);
    // Every column is in view at 1,400 px.
    const [inner, outer] = (await page.$eval('[data-testid=partners]', (t) => [
      t.scrollWidth,
      (t.parentElement as HTMLElement).clientWidth,
    ])) as [number, number];
    assert.ok(inner <= outer, `the table is ${inner} px in ${outer} px`);
    await page.click('th[data-key=name] button');
    assert.is(await page.getAttribute('th[data-key=name]', 'aria-sort'), 'ascending');
    const names = await column(page, 'partners', 'name');
    assert.equal(
      names,
      [...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())),
    );
    await page.click('th[data-key=name] button');
    assert.is(await page.getAttribute('th[data-key=name]', 'aria-sort'), 'descending');
    assert.equal(await column(page, 'partners', 'name'), [...names].reverse());
    await page.click('th[data-key=attainment] button');
    const attainment = (await column(page, 'partners', 'attainment'))
      .filter((v) => v !== '–')
      .map((v) => Number.parseFloat(v));
    assert.ok(attainment.length >= 3);
    assert.equal(
      attainment,
      [...attainment].sort((a, b) => b - a),
    );
    await page.click('th[data-key=tier] button');
    const rank = ['registered', 'silver', 'gold', 'platinum'];
    const tiers = (await column(page, 'partners', 'tier')).map((t) => rank.indexOf(t));
    assert.equal(
      tiers,
      [...tiers].sort((a, b) => a - b),
    );
    // Filters: region, then a search; the URL keeps them.
    await page.selectOption('#partners-region', 'emea');
    const emea = list(cards.items).filter((s) => at(s, 'region') === 'emea');
    assert.equal((await rowIds(page, 'partners')).sort(), emea.map((s) => at(s, 'partnerId')).sort());
    const someone = str(emea[0], 'name');
    await page.fill('#partners-q', someone.slice(0, 6));
    assert.ok(
      (await column(page, 'partners', 'name')).every((n) =>
        n.toLowerCase().includes(someone.slice(0, 6).toLowerCase()),
      ),
    );
    assert.match(page.url(), /region=emea/);
    assert.match(page.url(), /q=/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-csv]')]);
    const csv = await (await download.createReadStream()).toArray();
    const lines = Buffer.concat(csv).toString('utf8').trim().split('\r\n');
    assert.match(lines[0], /^Partner,Region,Tier,Status,Quota,Quota currency,Won,Won currency,Attainment/);
    assert.is(lines.length - 1, (await rowIds(page, 'partners')).length);
    assert.match(download.suggestedFilename(), /^partners-2026-Q2\.csv$/);
    // Reloading the deep link restores the filters (the session keeps the token).
    await page.reload();
    await page.waitForSelector('#page[data-ready]');
    assert.is(await page.inputValue('#partners-region'), 'emea');
    assert.is(await page.inputValue('#partners-q'), someone.slice(0, 6));
    await axe(page, 'partners');
    await page.fill('#partners-q', '');
    await page.selectOption('#partners-region', '');
    await shoot(page, 'admin-partners');
  },
);

test(
  'the partner page: scorecard with its trend, readiness, ' + 'people and certifications, deals, MDF, points',
  async (ctx) => {
    const { c, page } = ctx;
    const busiest = await c.platform.reader.get<{ partner_id: string }>(
      `SELECT partner_id FROM partners WHERE status = 'active' ORDER BY employee_count DESC, partner_id LIMIT 1`,
    );
    ctx.partnerId = busiest?.partner_id ?? '';
    await page.click(`[data-testid=partners] tbody tr[data-id="${ctx.partnerId}"] a`);
    await page.waitForSelector(`#page[data-ready^="/partners/${ctx.partnerId}"]`);
    const partner = obj(await c.api(`/partners/${ctx.partnerId}`));
    assert.is(await page.textContent('[data-testid=partner-name]'), partner.name);
    assert.equal(
      await page.$$eval('#scorecard [data-trend]', (els) => els.map((e) => (e as HTMLElement).dataset.trend)),
      ['partner-won', 'partner-quota', 'partner-attainment'],
    );
    assert.is((await column(page, 'scorecard-trend-table', 'period')).length, 8);
    assert.equal(
      (await column(page, 'readiness-lines', 'ready')).length,
      Object.keys(obj(partner, 'readiness')).length,
    );
    const employees = obj(await c.api(`/partners/${ctx.partnerId}/employees?limit=500`));
    assert.is((await rowIds(page, 'people')).length, Math.min(50, list(employees.items).length));
    const certs = obj(await c.api(`/partners/${ctx.partnerId}/certifications`));
    assert.match(
      (await page.textContent('#certifications-count')) ?? '',
      new RegExp(`^${list(certs.items).length.toLocaleString('en')} rows?$`),
    );
    // The latest 200 registrations first; older ones on demand.
    const deals = obj(await c.api(`/deals?partnerId=${ctx.partnerId}&limit=200`));
    assert.match(
      (await page.textContent('#deals-count')) ?? '',
      new RegExp(`^${list(deals.items).length.toLocaleString('en')} rows?`),
    );
    if (deals.nextCursor) {
      const older = obj(await c.api(`/deals?partnerId=${ctx.partnerId}&limit=500&cursor=${deals.nextCursor}`));
      await page.click('#deals-older');
      const total = (list(deals.items).length + list(older.items).length).toLocaleString('en');
      // A locator, not a string predicate: the console's CSP forbids eval, and Playwright evals string predicates.
      await page.locator('#deals-count', { hasText: new RegExp(`^${total} rows`) }).waitFor();
    }
    const funds = obj(await c.api(`/mdf/funds?partnerId=${ctx.partnerId}`));
    assert.is((await rowIds(page, 'funds')).length, list(funds.items).length);
    const points = obj(await c.api(`/partners/${ctx.partnerId}/points`));
    assert.is(await page.textContent('[data-tile=points-balance] .value'), num(points.balance).toLocaleString('en'));
    // Filters on a partner's lists: certifications by state.
    await page.selectOption('#certifications-state', 'expired');
    assert.ok((await column(page, 'certifications', 'state')).every((s) => s === 'expired'));
    await axe(page, 'partner page');
    await page.selectOption('#certifications-state', '');
    await shoot(page, 'admin-partner');
  },
);

test('back and forward move between the pages, as deep links', async (ctx) => {
  const { page } = ctx;
  await page.goBack();
  await page.waitForSelector('#page[data-ready^="/partners?"]');
  assert.ok(await page.isVisible('[data-testid=partners]'));
  await page.goForward();
  await page.waitForSelector(`#page[data-ready^="/partners/${ctx.partnerId}"]`);
  assert.ok(await page.isVisible('#scorecard'));
});

test(
  'the pipeline: by stage, product line and region, partners, protections ending soon; ' +
    'filters on the server and in tables',
  async ({ c, page }) => {
    await visit(page, '#/pipeline');
    const pipeline = obj(await c.api('/dashboards/pipeline?limit=500'));
    assert.is(
      await page.textContent('[data-tile=registered] .value'),
      num(pipeline.totals, 'registered').toLocaleString('en'),
    );
    assert.equal((await column(page, 'stages', 'status')).length, list(pipeline.totals, 'byStatus').length);
    assert.equal((await column(page, 'lines', 'line')).length, list(pipeline.totals, 'byProductLine').length);
    assert.ok((await column(page, 'regions', 'region')).length >= 3);
    assert.equal(
      (await rowIds(page, 'pipeline-partners')).sort(),
      list(pipeline.partners, 'items')
        .map((m) => at(m, 'partnerId'))
        .sort(),
    );
    const expiring = obj(await c.api('/dashboards/expiring-protections?withinDays=30&limit=500'));
    assert.match(
      (await page.textContent('#pipeline-expiring')) ?? '',
      new RegExp(`${list(expiring.items).length} protections end within 30 days`),
    );
    await axe(page, 'pipeline');
    await shoot(page, 'admin-pipeline');
    await page.selectOption('#pipeline-line', 'storage');
    await page.waitForSelector('#page[data-ready="/pipeline?productLine=storage"]');
    const storage = obj(await c.api('/dashboards/pipeline?limit=500&productLine=storage'));
    assert.is(
      await page.textContent('[data-tile=registered] .value'),
      num(storage.totals, 'registered').toLocaleString('en'),
    );
    assert.equal(await column(page, 'lines', 'line'), ['Storage']);
  },
);

test(
  'at 390 px every vendor page fits the window ' + '(tables scroll inside their frame) and stays accessible',
  async (ctx) => {
    const { page } = ctx;
    await page.setViewportSize({ width: 390, height: 844 });
    for (const [hash, name] of [
      ['#/', 'overview'],
      ['#/partners', 'partners'],
      [`#/partners/${ctx.partnerId}`, 'partner'],
      ['#/pipeline', 'pipeline'],
    ]) {
      await visit(page, hash);
      await fitsWidth(page, `${name} at 390 px`);
      await axe(page, `${name} at 390 px`);
      await shoot(page, `admin-${name}-390`);
    }
    await page.setViewportSize({ width: 1400, height: 1000 });
  },
);

test(
  'a regional channel manager: ' +
    "their partners' figures, the channel's desired count said to be the channel's, a dot for their partners",
  async (ctx) => {
    const { c, page } = ctx;
    await page.click('#sign-out');
    await page.waitForSelector('#sign-in:not([hidden])');
    await signIn(page, c.base, ctx.manager);
    assert.match((await page.textContent('[data-testid=who]')) ?? '', /Channel manager \(emea\)/);
    assert.match((await page.textContent('[data-tile=partners] .label')) ?? '', /your partners/);
    assert.match(
      (await page.textContent('[data-tile=partners] .sub')) ?? '',
      /the channel has \d+ active of \d+ desired/,
    );
    assert.equal(
      await page.$$eval('[data-testid=quadrant] [data-dot]', (els) => els.map((e) => (e as HTMLElement).dataset.dot)),
      ['channel', 'managed'],
    );
    await axe(page, 'overview (channel manager)');
    await shoot(page, 'manager-overview');
    await visit(page, '#/partners');
    const theirs = obj(await c.api('/scorecards?limit=500', ctx.manager));
    const all = obj(await c.api('/scorecards?limit=500'));
    const ids = (await rowIds(page, 'partners')).sort();
    assert.equal(
      ids,
      list(theirs.items)
        .map((s) => at(s, 'partnerId'))
        .sort(),
    );
    assert.ok(ids.length > 0 && ids.length < list(all.items).length, `${ids.length} of ${list(all.items).length}`);
    assert.ok((await column(page, 'partners', 'region')).every((r) => r === 'EMEA'));
    await shoot(page, 'manager-partners');
    // A click anywhere on a row opens the partner (its name is the link for the keyboard).
    await page.click(`[data-testid=partners] tbody tr[data-id="${ids[0]}"] td[data-col=region]`);
    await page.waitForSelector(`#page[data-ready^="/partners/${ids[0]}"]`);
    await shoot(page, 'manager-partner');
    await visit(page, '#/pipeline');
    const regions = await column(page, 'regions', 'region');
    assert.equal(regions, ['EMEA']);
    await shoot(page, 'manager-pipeline');
    // A partner outside their regions is not found, as the API says.
    const other = list(all.items).find((s) => at(s, 'region') !== 'emea');
    await page.evaluate(`location.hash = '#/partners/${at(other, 'partnerId')}'`);
    await page.waitForSelector('#page .error-box');
    assert.match((await page.textContent('#page .error-box')) ?? '', /Not found, or not visible to you/);
    // Those 404s (and the browser's note of each) are the only failed requests of this walk.
    assert.ok(ctx.problems.length > 0);
    assert.equal(
      ctx.problems.filter((p) => !p.includes(`/partners/${at(other, 'partnerId')}`) && !p.includes('status of 404')),
      [],
    );
    ctx.problems.length = 0;
  },
);

test('no console error, no failed request along the way', ({ problems }) => {
  assert.equal(problems, []);
});

test.run();
