import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import * as assert from 'uvu/assert';
import { buildApp } from '../../app/buildApp.js';
import { timeOrderedIds } from '../../app/timeOrderedIds.js';
import { createPlatform, type Platform } from '../../app/platform.js';
import { seedChannel, type SeedReport } from '../../app/seed/seedChannel.js';
import { manualClock } from '../../domain/shared/clock.js';
import { signToken } from '../../http/jwt.js';

export const ADMIN_KEY = 'web-test-admin-key-0123456789';
const SECRET = 'web-test-jwt-secret-0123456789abcdef0123';
/** The seeded channel ends on this day; the server's clock stands at 17:00 that day (2026-Q2, day 81 of 91). */
export const UNTIL = '2026-06-20';
export const SHOTS = join(new URL('../artifacts/console', import.meta.url).pathname);
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface Console {
  readonly dir: string;
  readonly platform: Platform;
  readonly app: FastifyInstance;
  readonly base: string;
  readonly browser: Browser;
  readonly report: SeedReport;
  readonly token: (personId: string) => string;
  /** GET as someone (the admin key by default), asserting 200. */
  readonly api: (path: string, token?: string) => Promise<unknown>;
  readonly post: (path: string, body: unknown, token?: string) => Promise<unknown>;
  readonly close: () => Promise<void>;
}

/** A seeded channel (`prm seed`, 14 partners) behind a listening app, and headless Chromium (Debian's, no download). */
export const startConsole = async (): Promise<Console> => {
  const dir = mkdtempSync(join(tmpdir(), 'prm-console-'));
  const file = join(dir, 'prm.db');
  const clock = manualClock(`${UNTIL}T00:00:00.000Z`);
  const seeding = await createPlatform({
    databaseFile: file,
    clock,
    ids: timeOrderedIds(),
    startProjections: false,
    startPolicies: false,
  });
  const report = await seedChannel(seeding, clock, { partners: 14, seed: 21, until: UNTIL, bulk: true });
  await seeding.close();
  clock.set(`${UNTIL}T17:00:00.000Z`);
  const platform = await createPlatform({ databaseFile: file, clock, ids: timeOrderedIds() });
  // These tests sign in by pasting tokens: the development-only form is on.
  const app = await buildApp(platform, {
    adminKey: ADMIN_KEY,
    jwtSecret: SECRET,
    identity: { publicUrl: 'http://127.0.0.1', devTokenSignIn: true },
  });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const token = (sub: string) => {
    const iat = Math.floor(clock.now().getTime() / 1000);
    return signToken(SECRET, { sub, iat, exp: iat + 3600 });
  };
  const call = async (method: 'GET' | 'POST', path: string, body: unknown, as: string) => {
    const r = await app.inject({
      method,
      url: path,
      headers: { authorization: `Bearer ${as}` },
      ...(body === undefined ? {} : { payload: body as object }),
    });
    assert.ok(r.statusCode < 300, `${method} ${path}: ${r.statusCode} ${r.body}`);
    const answer: unknown = JSON.parse(r.body);
    return answer;
  };
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  mkdirSync(SHOTS, { recursive: true });
  return {
    dir,
    platform,
    app,
    base,
    browser,
    report,
    token,
    api: (path, as = ADMIN_KEY) => call('GET', path, undefined, as),
    post: (path, body, as = ADMIN_KEY) => call('POST', path, body, as),
    close: async () => {
      await browser.close();
      await app.close();
      await platform.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

/** Everything a page said that a user should never see: console errors, uncaught errors, failed API calls. */
export const watch = (page: Page) => {
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('response', (r) => r.status() >= 400 && problems.push(`${r.status()} ${r.url()}`));
  return problems;
};

export const signIn = async (page: Page, base: string, token: string, hash = '') => {
  await page.goto(`${base}/${hash}`);
  await page.fill('[data-testid=token]', token);
  await page.click('[data-testid=sign-in]');
  await page.waitForSelector('#page[data-ready]');
};

/** Goes to a console route (a new history entry) and waits until its data is on screen, every part of it loaded. */
export const visit = async (page: Page, hash: string) => {
  await page.evaluate(
    `document.getElementById('page').removeAttribute('data-ready'); location.hash = ${JSON.stringify(hash)};`,
  );
  await page.waitForSelector('#page[data-ready]');
  assert.equal(
    await page.$$eval('[data-failed]', (els) => els.map((e) => e.textContent)),
    [],
    `a part of ${hash} failed`,
  );
};

/** axe-core over the page: no serious or critical violation (the bar). */
export const axe = async (page: Page, what: string) => {
  // Evaluated through the DevTools protocol: the page's content security policy does not apply.
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.evaluate(axeSource);
  const violations = (await page.evaluate(
    `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
    })))`,
  )) as { id: string; impact: string; help: string; nodes: string[] }[];
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.equal(bad, [], `${what}: ${JSON.stringify(bad, null, 1)}`);
};

/** The whole page, and what the window shows first (`-top`: the README's pictures are copies of three of these). */
export const shoot = async (page: Page, name: string) => {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  const scrolled = await page.evaluate('window.scrollY');
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: join(SHOTS, `${name}-top.png`) });
  await page.evaluate(`window.scrollTo(0, ${scrolled})`);
};

/** The page is no wider than the window (nothing to scroll sideways but tables inside their own frame). */
export const fitsWidth = async (page: Page, what: string) => {
  const [scroll, width] = (await page.evaluate('[document.documentElement.scrollWidth, window.innerWidth]')) as [
    number,
    number,
  ];
  // On failure, name what sticks out (outside the tables' own scrolling frames).
  const wide =
    scroll <= width
      ? ''
      : await page.evaluate(`[...document.querySelectorAll('body *')]
    .filter((e) => e.getBoundingClientRect().right > innerWidth + 1 && !e.closest('.table-wrap'))
    .slice(0, 8)
    .map((e) => e.tagName + '.' + e.className + '#' + e.id + ' ' + Math.round(e.getBoundingClientRect().right))
    .join(', ')`);
  assert.ok(scroll <= width, `${what}: the page is ${scroll} px wide in a ${width} px window: ${wide}`);
};

export const texts = (page: Page, selector: string) =>
  page.$$eval(selector, (els) => els.map((e) => (e.textContent ?? '').trim()));
