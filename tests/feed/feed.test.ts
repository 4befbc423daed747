/**
 * The event feed (DESIGN §11): pages of the log for vendor admins and auditors, long-polls that answer
 * as soon as a new event is appended, and Server-Sent Events that resume with Last-Event-ID: a client
 * that disconnects mid-stream and resumes gets every event exactly once, in order.
 */
import { createServer, get, type IncomingMessage } from 'node:http';
import { performance } from 'node:perf_hooks';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createLogTail } from '../../infra/follow/logTail.js';
import { streamEvents } from '../../read-api/feed/eventStream.js';
import { at, list, num, str, strOrNull } from '../support/json.js';
import { ADMIN_KEY, startTestApp, type TestApp } from '../support/testApp.js';

const test = suite<{ t: TestApp; base: string }>('event feed');
test.before(async (ctx) => {
  ctx.t = await startTestApp();
  ctx.base = await ctx.t.app.listen({ port: 0, host: '127.0.0.1' });
});
test.after(async (ctx) => ctx.t.dispose());

let n = 0;
const apply = (t: TestApp) =>
  t.post('/partners', {
    name: `Feed ${++n}`,
    website: `https://feed${n}.example`,
    country: 'DE',
    region: 'emea',
    type: 'reseller',
  });

test('pages of the log in order, with the position to continue from', async ({ t }) => {
  for (let i = 0; i < 3; i++) await apply(t);
  const head = await t.eventCount();
  const page = await t.get('/feed?after=0&limit=2');
  assert.is(page.status, 200);
  assert.equal(
    list(page.body, 'items').map((e) => num(e, 'position')),
    [1, 2],
  );
  assert.is(num(page.body, 'after'), 2);
  assert.ok(strOrNull(page.body, 'nextCursor'));
  const rest = await t.get(`/feed?after=${head - 1}&limit=10`);
  assert.is(list(rest.body, 'items').length, 1);
  assert.is(strOrNull(rest.body, 'nextCursor'), null);
  const audit = await t.get(`/audit/events?after=${head - 1}&limit=1`);
  assert.equal(at(rest.body, 'items', 0), at(audit.body, 'items', 0), 'the envelope GET /audit/events shows');
  const typed = await t.get('/feed?after=0&types=PartnerApplied&limit=500');
  const typedItems = list(typed.body, 'items');
  assert.ok(typedItems.length >= 3 && typedItems.every((e) => str(e, 'type') === 'PartnerApplied'));
  const empty = await t.get(`/feed?after=${head}&wait=0.2`);
  assert.equal([list(empty.body, 'items'), num(empty.body, 'after')], [[], head]);
});

test('a long poll answers within 100 ms of the next event', async ({ t }) => {
  const head = await t.eventCount();
  let appendedAt = 0;
  const off = t.platform.store.onAppended(() => {
    appendedAt ||= performance.now();
  });
  const started = performance.now();
  const polled = t.get(`/feed?after=${head}&wait=20`).then((r) => ({ r, at: performance.now() }));
  await new Promise((r) => setTimeout(r, 300));
  await apply(t);
  const { r, at } = await polled;
  off();
  assert.is(r.status, 200);
  assert.is(num(r.body, 'items', 0, 'position'), head + 1);
  assert.ok(at - started >= 290, 'it waited for the event');
  assert.ok(at - appendedAt < 100, `answered ${Math.round(at - appendedAt)} ms after the append`);
});

test('a long poll with a type filter waits past other events', async ({ t }) => {
  const head = await t.eventCount();
  const polled = t.get(`/feed?after=${head}&types=PartnerApproved&wait=20`);
  const applied = await apply(t);
  await new Promise((r) => setTimeout(r, 150));
  const approved = await t.post(`/partners/${str(applied.body, 'id')}/approve`, { tier: 'gold' });
  const r = await polled;
  assert.equal(
    list(r.body, 'items').map((e) => num(e, 'position')),
    [num(approved.body, 'position')],
  );
});

/** Reads SSE events from `/feed/stream` until `count` arrived, then disconnects. */
const readStream = (base: string, count: number, lastEventId?: string) =>
  new Promise<{ ids: number[]; positions: number[]; raw: string }>((resolve, reject) => {
    const ids: number[] = [];
    const positions: number[] = [];
    let raw = '';
    const req = get(
      `${base}/feed/stream`,
      { headers: { authorization: `Bearer ${ADMIN_KEY}`, ...(lastEventId ? { 'last-event-id': lastEventId } : {}) } },
      (res: IncomingMessage) => {
        if (res.statusCode !== 200) return reject(new Error(`status ${res.statusCode}`));
        assert.match(String(res.headers['content-type']), 'text/event-stream');
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          raw += chunk;
          buffer += chunk;
          for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const id = /^id: (\d+)$/m.exec(block);
            const data = /^data: (.*)$/m.exec(block);
            if (!id || !data) continue;
            ids.push(Number(id[1]));
            positions.push(num(JSON.parse(data[1]), 'position'));
            if (ids.length === count) {
              req.destroy();
              resolve({ ids, positions, raw });
            }
          }
        });
      },
    );
    req.on('error', (e) => (ids.length >= count ? undefined : reject(e)));
  });

test('SSE: id = position; a client resuming with Last-Event-ID gets every event once, in order', async ({
  t,
  base,
}) => {
  for (let i = 0; i < 5; i++) await apply(t);
  const first = await readStream(base, 7);
  assert.equal(first.ids, first.positions);
  assert.equal(first.ids, [1, 2, 3, 4, 5, 6, 7]);
  assert.match(first.raw, /^retry: \d+\n\n/);
  for (let i = 0; i < 3; i++) await apply(t);
  const head = await t.eventCount();
  const resumed = await readStream(base, head - 7, '7');
  assert.equal(
    [...first.ids, ...resumed.ids],
    Array.from({ length: head }, (_, i) => i + 1),
  );
  // Live: an event appended while the client waits arrives at once.
  const live = readStream(base, 1, String(head));
  await new Promise((r) => setTimeout(r, 100));
  const applied = await apply(t);
  assert.equal((await live).ids, [num(applied.body, 'position')]);
});

test('SSE: a bad Last-Event-ID is a 400; callers who may not read the feed get 403', async ({ t }) => {
  const bad = await t.request('GET', '/feed/stream', undefined, ADMIN_KEY, { 'last-event-id': 'abc' });
  assert.is(bad.status, 400);
  assert.is(str(bad.body, 'errors', 0, 'path'), 'headers.last-event-id');
  const person = await t.post('/people', { name: 'Ana Lyst', email: `analyst${Date.now()}@vendor.example` });
  const personId = str(person.body, 'id');
  await t.post(`/people/${personId}/vendor-roles`, { role: 'analyst' });
  assert.is((await t.get('/feed', t.tokenFor(personId))).status, 403);
  assert.is((await t.get('/feed/stream', t.tokenFor(personId))).status, 403);
  const log = await t.get('/audit/access-log?limit=500');
  assert.ok(list(log.body, 'items').some((e) => str(e, 'route') === '/feed' && num(e, 'status') === 403));
});

test('SSE heartbeats keep an idle stream open', async ({ t }) => {
  const tail = createLogTail(t.platform.store);
  const shutdown = new AbortController();
  const server = createServer(
    (req, res) =>
      void streamEvents(req, res, {
        store: t.platform.store,
        tail,
        after: Number.MAX_SAFE_INTEGER - 1,
        heartbeatMs: 40,
        shutdown: shutdown.signal,
      }),
  );
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const text = await new Promise<string>((resolve) => {
    let raw = '';
    const req = get(`http://127.0.0.1:${port}/`, (res) => {
      res.setEncoding('utf8');
      res.on('data', (c: string) => (raw += c));
    });
    setTimeout(() => {
      req.destroy();
      resolve(raw);
    }, 250);
  });
  shutdown.abort();
  tail.close();
  await new Promise((r) => server.close(r));
  assert.ok((text.match(/^: heartbeat$/gm) ?? []).length >= 3, text);
});

test.run();
