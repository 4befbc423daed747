/**
 * One-time sign-in links (DESIGN §14), mailed through a real SMTP server on loopback: a link signs its
 * person in once, within 15 minutes; used twice or late it is refused; an unknown address gets exactly
 * the answer a known one gets (and no mail); asks are throttled per address (429 problem+json).
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { smtpMailer } from '../../infra/mail/smtpMailer.js';
import { expectProblem, expectStatus } from '../http/fixtures.js';
import { obj, str } from '../support/json.js';
import { startSmtpReceiver } from '../support/smtpReceiver.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import { identityLog, personWithEmail } from './identityWorld.js';

type Smtp = Awaited<ReturnType<typeof startSmtpReceiver>>;
const test = suite<{ t: TestApp; smtp: Smtp; mailer: ReturnType<typeof smtpMailer> }>('identity: one-time links');
const BASE = 'https://prm.example';

test.before(async (ctx) => {
  ctx.smtp = await startSmtpReceiver();
  ctx.mailer = smtpMailer(ctx.smtp.url, 'PRM <prm@prm.example>');
  ctx.t = await startTestApp({ identity: { publicUrl: BASE, mailer: ctx.mailer, devTokenSignIn: false } });
});
test.after(async (ctx) => {
  await ctx.t?.dispose();
  ctx.mailer?.close();
  await ctx.smtp?.close();
});
// Each test starts a quarter of an hour later, outside the previous test's throttle window.
test.before.each(({ t }) => t.clock.advance(16 * 60_000));

const ask = (t: TestApp, email: string, remoteAddress = '127.0.0.1') =>
  t.app.inject({ method: 'POST', url: '/auth/magic-links', payload: { email }, remoteAddress });
const linkIn = (raw: string) => {
  // The body is quoted-printable: undo soft line breaks and =XX escapes.
  const text = raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  const m = /https:\/\/prm\.example\/auth\/magic-links\/redeem\?token=[A-Za-z0-9_-]+/.exec(text);
  assert.ok(m, `a link in the mail:\n${raw}`);
  return new URL(m[0]);
};
const redeem = (t: TestApp, link: URL) => t.app.inject({ method: 'GET', url: `${link.pathname}${link.search}` });

test('a link mailed to a registered person signs them in once; the second use is refused', async ({ t, smtp }) => {
  const pat = await personWithEmail(t, 'pat@partner.example');
  const before = smtp.received.length;
  const r = await ask(t, 'Pat@Partner.example');
  assert.is(r.statusCode, 200);
  const link = linkIn((await smtp.waitFor('pat@partner.example', before)).raw);
  const first = await redeem(t, link);
  assert.is(first.statusCode, 303);
  assert.is(first.headers.location, '/');
  const cookie = String(first.headers['set-cookie']).split(';')[0];
  assert.match(cookie, /^prm_session=/);
  const me = await t.app.inject({ method: 'GET', url: '/me', headers: { cookie } });
  assert.is(str(obj(JSON.parse(me.body), 'principal'), 'personId'), pat.id);
  const second = await redeem(t, link);
  assert.is(second.statusCode, 403);
  assert.match(second.body, 'data-refusal="expired"');
  assert.is(second.headers['set-cookie'], undefined);
  const log = (await identityLog(t)).slice(-3);
  assert.equal(
    log.map((row) => [row.event, row.actor_id, row.route]),
    [
      ['link_issued', pat.id, '/auth/magic-links'],
      ['sign_in', pat.id, '/auth/magic-links/redeem'],
      ['sign_in_refused', '-', '/auth/magic-links/redeem'],
    ],
  );
  assert.ok(
    log.every((row) => row.address === '127.0.0.1' && !row.url.includes('token')),
    'the address, never the link',
  );
});

test('a link used after 15 minutes is refused', async ({ t, smtp }) => {
  await personWithEmail(t, 'late@partner.example');
  const before = smtp.received.length;
  expectStatus({ status: (await ask(t, 'late@partner.example')).statusCode, body: undefined, headers: {} }, 200);
  const link = linkIn((await smtp.waitFor('late@partner.example', before)).raw);
  t.clock.advance(15 * 60_000 + 1000);
  const late = await redeem(t, link);
  assert.is(late.statusCode, 403);
  assert.match(late.body, 'data-refusal="expired"');
});

test('an unknown address gets exactly the answer a known one gets, and no mail', async ({ t, smtp }) => {
  await personWithEmail(t, 'known@partner.example');
  const known = await ask(t, 'known@partner.example');
  const unknown = await ask(t, 'unknown@partner.example');
  assert.is(unknown.statusCode, known.statusCode);
  assert.is(unknown.body, known.body);
  const headers = (h: Record<string, unknown>) =>
    Object.entries(h)
      .filter(([k]) => k !== 'date')
      .sort();
  assert.equal(headers(unknown.headers), headers(known.headers));
  await smtp.waitFor('known@partner.example');
  await new Promise((r) => setTimeout(r, 200));
  assert.not.ok(
    smtp.received.some((m) => m.to.includes('unknown@partner.example')),
    'no mail to an unknown address',
  );
  const refused = (await identityLog(t)).filter((row) => row.actor_id === 'unknown@partner.example');
  assert.is(refused.length, 1, 'the ask for an unknown address is in the audit log');
});

test('20 asks within a minute for one address: the sixth and later are 429 problem+json', async ({ t }) => {
  await personWithEmail(t, 'busy@partner.example');
  const statuses: number[] = [];
  for (let i = 0; i < 20; i += 1) {
    const r = await ask(t, 'busy@partner.example', `10.0.0.${i + 1}`);
    statuses.push(r.statusCode);
    if (r.statusCode === 429) {
      expectProblem({ status: r.statusCode, body: JSON.parse(r.body), headers: r.headers }, 429, 'rate_limited');
      assert.ok(Number(r.headers['retry-after']) > 0);
    }
    t.clock.advance(2_000);
  }
  assert.equal(statuses, [...Array(5).fill(200), ...Array(15).fill(429)]);
  // Another address is not held back by this one's throttle.
  assert.is((await ask(t, 'other@partner.example')).statusCode, 200);
});

test('100 asks from one caller for different addresses: then 429', async ({ t }) => {
  for (let i = 0; i < 100; i += 1) assert.is((await ask(t, `spray${i}@partner.example`, '10.9.9.9')).statusCode, 200);
  assert.is((await ask(t, 'spray-last@partner.example', '10.9.9.9')).statusCode, 429);
  assert.is((await ask(t, 'spray-last@partner.example', '10.9.9.10')).statusCode, 200);
});

test('a person who departed gets the same answer and no usable link', async ({ t, smtp }) => {
  const gone = await personWithEmail(t, 'gone@partner.example');
  expectStatus(await t.post(`/partners/${gone.partnerId}/employees/${gone.id}/leave`, {}), 200);
  assert.is((await ask(t, 'gone@partner.example')).statusCode, 200);
  await new Promise((r) => setTimeout(r, 300));
  assert.not.ok(smtp.received.some((m) => m.to.includes('gone@partner.example')));
});

test('a token the vendor admin issues with POST /auth/tokens is in the audit access log', async ({ t }) => {
  const dee = await personWithEmail(t, 'dee@partner.example');
  expectStatus(await t.post('/auth/tokens', { personId: dee.id }), 201);
  const row = (await identityLog(t)).at(-1);
  assert.is(row?.event, 'token_issued');
  assert.is(row?.actor_id, 'admin');
  assert.match(row?.url ?? '', dee.id);
});

test.run();
