import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { buildApp } from '../../app/buildApp.js';
import { nanoidGenerator } from '../../app/nanoidGenerator.js';
import { createPlatform, type Platform } from '../../app/platform.js';
import { seedChannel } from '../../app/seed/seedChannel.js';
import { manualClock } from '../../domain/shared/clock.js';
import { signToken } from '../../http/jwt.js';

const ADMIN_KEY = 'web-test-admin-key-0123456789';
const SECRET = 'web-test-jwt-secret-0123456789abcdef0123';
const UNTIL = '2026-06-20';
const screenshot = join(new URL('../artifacts', import.meta.url).pathname, 'dashboard.png');

interface Ctx { dir: string; platform: Platform; app: FastifyInstance; base: string; browser: Browser; page: Page; manager: string; partnerAdmin: string }
const test = suite<Ctx>('web dashboard in headless Chromium: sign in, quadrant, tiles, sortable partner table, scoped to the caller');

test.before(async (ctx) => {
  ctx.dir = mkdtempSync(join(tmpdir(), 'prm-web-'));
  const file = join(ctx.dir, 'prm.db');
  const clock = manualClock(`${UNTIL}T00:00:00.000Z`);
  const seeding = await createPlatform({ databaseFile: file, clock, ids: nanoidGenerator, startProjections: false, startPolicies: false });
  const report = await seedChannel(seeding, clock, { partners: 14, seed: 21, until: UNTIL, bulk: true });
  await seeding.close();
  clock.set(`${UNTIL}T17:00:00.000Z`);
  ctx.platform = await createPlatform({ databaseFile: file, clock, ids: nanoidGenerator });
  ctx.app = await buildApp(ctx.platform, { adminKey: ADMIN_KEY, jwtSecret: SECRET });
  const address = await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  ctx.base = address;
  const token = (sub: string) => {
    const iat = Math.floor(clock.now().getTime() / 1000);
    return signToken(SECRET, { sub, iat, exp: iat + 3600 });
  };
  ctx.manager = token(report.channelManagers.emea[0]);
  const admin = await ctx.platform.reader.get<{ person_id: string }>(
    `SELECT pe.person_id FROM people pe JOIN partners p ON p.partner_id = pe.partner_id WHERE pe.partner_role = 'admin' AND p.status = 'active' ORDER BY pe.person_id LIMIT 1`);
  ctx.partnerAdmin = token(admin?.person_id ?? '');
  ctx.browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  ctx.page = await ctx.browser.newPage({ viewport: { width: 1400, height: 1100 } });
});
test.after(async (ctx) => {
  await ctx.browser?.close();
  await ctx.app?.close();
  await ctx.platform?.close();
  rmSync(ctx.dir, { recursive: true, force: true });
});

const api = async (ctx: Ctx, path: string, token = ADMIN_KEY) => {
  const r = await ctx.app.inject({ method: 'GET', url: path, headers: { authorization: `Bearer ${token}` } });
  assert.is(r.statusCode, 200, r.body);
  return JSON.parse(r.body);
};
const signIn = async (page: Page, base: string, token: string) => {
  await page.goto(`${base}/`);
  await page.fill('[data-testid=token]', token);
  await page.click('[data-testid=sign-in]');
  await page.waitForSelector('body[data-loaded]');
};
const rowIds = (page: Page) => page.$$eval('[data-testid=partners] tbody tr', (rows) => rows.map((r) => (r as HTMLElement).dataset.partnerId ?? ''));
const column = (page: Page, key: string) => page.$$eval(`[data-testid=partners] td[data-col=${key}]`, (cells) => cells.map((c) => c.textContent ?? ''));

test('a wrong token is refused on the sign-in form', async ({ page, base }) => {
  await page.goto(`${base}/`);
  await page.fill('[data-testid=token]', 'not-a-token');
  await page.click('[data-testid=sign-in]');
  await page.waitForSelector('#sign-in-error:not([hidden])');
  assert.match(await page.textContent('#sign-in-error') ?? '', /not valid/);
  assert.ok(await page.isHidden('#dashboard'));
});

test('the vendor admin sees the quadrant, the KPI tiles and every partner of the channel', async (ctx) => {
  const { page, base } = ctx;
  await signIn(page, base, ADMIN_KEY);
  const health = await api(ctx, '/dashboards/channel-health');
  assert.is(await page.getAttribute('[data-testid=quadrant] svg', 'data-quadrant'), health.quadrant.name);
  assert.ok(await page.isVisible('[data-testid=quadrant-point]'));
  const tiles = await page.$$eval('[data-testid=tiles] .tile', (els) => els.map((e) => (e as HTMLElement).dataset.tile));
  assert.equal(tiles, ['partners', 'quota', 'revenue', 'conversion', 'ready']);
  assert.is(await page.textContent('[data-tile=partners] .value'), String(health.partners.active));
  const cards = await api(ctx, '/scorecards?limit=500');
  assert.equal((await rowIds(page)).sort(), cards.items.map((s: { partnerId: string }) => s.partnerId).sort());
  assert.match(await page.textContent('[data-testid=who]') ?? '', /admin key/);
  mkdirSync(join(screenshot, '..'), { recursive: true });
  await page.screenshot({ path: screenshot, fullPage: true });
  assert.ok(statSync(screenshot).size > 10_000);
});

test('clicking a heading sorts the table, clicking again reverses it', async ({ page }) => {
  await page.click('th[data-key=name]');
  assert.is(await page.getAttribute('th[data-key=name]', 'aria-sort'), 'ascending');
  const names = await column(page, 'name');
  assert.equal(names, [...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
  await page.click('th[data-key=name]');
  assert.is(await page.getAttribute('th[data-key=name]', 'aria-sort'), 'descending');
  assert.equal(await column(page, 'name'), [...names].reverse());
  await page.click('th[data-key=attainment]');
  const attainment = (await column(page, 'attainment')).filter((v) => v !== '–').map((v) => Number.parseFloat(v));
  assert.ok(attainment.length >= 3);
  assert.equal(attainment, [...attainment].sort((a, b) => b - a));
  await page.click('th[data-key=tier]');
  const tiers = await column(page, 'tier');
  const rank = ['registered', 'silver', 'gold', 'platinum'];
  assert.is(await page.getAttribute('th[data-key=tier]', 'aria-sort'), 'ascending');
  assert.equal(tiers.map((t) => rank.indexOf(t)), tiers.map((t) => rank.indexOf(t)).sort((a, b) => a - b));
});

test('another period reloads the figures', async (ctx) => {
  const { page } = ctx;
  await page.selectOption('[data-testid=period]', '2026-Q1');
  await page.waitForSelector('body[data-loaded="2026-Q1"]');
  const health = await api(ctx, '/dashboards/channel-health?period=2026-Q1');
  assert.is(await page.getAttribute('[data-testid=quadrant] svg', 'data-quadrant'), health.quadrant.name);
  assert.is(await page.textContent('[data-tile=partners] .value'), String(health.partners.active));
});

test("a regional channel manager's table holds only their partners", async (ctx) => {
  const { page, base } = ctx;
  await page.click('#sign-out');
  await page.waitForSelector('#sign-in:not([hidden])');
  await signIn(page, base, ctx.manager);
  const theirs = await api(ctx, '/scorecards?limit=500', ctx.manager);
  const all = await api(ctx, '/scorecards?limit=500');
  const ids = (await rowIds(page)).sort();
  assert.equal(ids, theirs.items.map((s: { partnerId: string }) => s.partnerId).sort());
  assert.ok(ids.length > 0 && ids.length < all.items.length, `${ids.length} of ${all.items.length}`);
  const regions = await column(page, 'region');
  assert.ok(regions.every((r) => r === 'emea'));
  assert.match(await page.textContent('[data-tile=partners] .label') ?? '', /your partners/);
});

test("a partner's admin sees their own partner only, and no channel-wide figures", async (ctx) => {
  const { page, base } = ctx;
  await page.click('#sign-out');
  await page.waitForSelector('#sign-in:not([hidden])');
  await signIn(page, base, ctx.partnerAdmin);
  assert.is((await rowIds(page)).length, 1);
  assert.ok(await page.isVisible('#notice'));
  assert.ok(await page.isHidden('#health'));
});

test.run();
