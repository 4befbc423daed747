/**
 * A body over the limit gets a `413` problem the client can read (README Reliability): the server
 * reads the rest of the upload before it answers and closes, so a client still sending does not meet
 * a reset (EPIPE, ECONNRESET) instead of the answer. Over a real socket: Node's fetch and raw HTTP,
 * with Content-Length and chunked, and a 415 for a large body that is not JSON.
 */
import { connect } from 'node:net';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ADMIN_KEY, startTestApp, type TestApp } from '../support/testApp.js';

const test = suite<{ t: TestApp; port: number }>('HTTP: a 413 is read by the client, not cut off');
test.before(async (ctx) => {
  ctx.t = await startTestApp();
  await ctx.t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = ctx.t.app.server.address();
  ctx.port = typeof address === 'object' && address ? address.port : 0;
});
test.after(async (ctx) => ctx.t?.dispose());

const MB = 1024 * 1024;
/** Three times the 4 MB limit, well past what socket buffers hold; one upload is the 50 MB of the report. */
const SIZE = 12 * MB;
const CHUNK = Buffer.alloc(256 * 1024, 'a');

const expectTooLarge = (status: number, type: string | null, body: string, what: string) => {
  assert.is(status, 413, `${what}: ${body.slice(0, 200)}`);
  assert.match(String(type), /^application\/problem\+json/, what);
  assert.is(JSON.parse(body).code, 'payload_too_large', what);
};

test('Node fetch, Content-Length: 50 MB, then 12 MB twice', async ({ t, port }) => {
  for (const [i, size] of [50 * MB, SIZE, SIZE].entries()) {
    const res = await fetch(`http://127.0.0.1:${port}/people`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      body: Buffer.alloc(size, 'a'),
    });
    expectTooLarge(res.status, res.headers.get('content-type'), await res.text(), `upload ${i}`);
  }
  assert.is(await t.eventCount(), 0);
});

test('Node fetch, chunked: a stream of 12 MB', async ({ port }) => {
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= SIZE) return controller.close();
      sent += CHUNK.length;
      controller.enqueue(new Uint8Array(CHUNK));
    },
  });
  const res = await fetch(`http://127.0.0.1:${port}/people`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
    body: stream,
    duplex: 'half',
  } as RequestInit);
  expectTooLarge(res.status, res.headers.get('content-type'), await res.text(), 'chunked fetch');
});

/**
 * Writes a request over a raw socket, honouring backpressure, and reads the whole answer, as curl
 * does: the upload must complete (a write meeting a closed connection is the reported broken pipe)
 * and the answer must be read before the connection ends.
 */
const rawExchange = (port: number, head: string, chunks: () => Generator<Buffer>) =>
  new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    let uploaded = false;
    let answered = false;
    const settle = () => {
      if (!uploaded || !answered) return;
      // Interim answers (`100 Continue`) come first; the final one follows.
      const final = received.replace(/^(?:HTTP\/1\.1 1\d\d [^\r]*\r\n(?:[^\r]+\r\n)*\r\n)+/, '');
      const [headers, body] = final.split('\r\n\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(headers)?.[1]);
      const type = /content-type: ([^\r]+)/i.exec(headers)?.[1] ?? '';
      // A chunked answer would need decoding; fastify answers problems with a Content-Length.
      resolve({ status, type, body: body ?? '' });
      socket.destroy();
    };
    socket.on('data', (d) => (received += d.toString('latin1')));
    socket.on('error', (error) => reject(new Error(`the connection failed (${error.message}) after: ${received}`)));
    socket.on('end', () => {
      answered = true;
      settle();
    });
    socket.on('connect', async () => {
      socket.write(head);
      for (const chunk of chunks()) {
        if (socket.destroyed) return reject(new Error(`the upload was cut short after: ${received}`));
        if (!socket.write(chunk)) await new Promise((r) => socket.once('drain', r));
      }
      uploaded = true;
      settle();
    });
  });

test('raw socket, Content-Length: 12 MB written in pieces', async ({ port }) => {
  const head =
    `POST /people HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${ADMIN_KEY}\r\n` +
    `Content-Type: application/json\r\nContent-Length: ${SIZE}\r\n\r\n`;
  const answer = await rawExchange(port, head, function* () {
    for (let sent = 0; sent < SIZE; sent += CHUNK.length) yield CHUNK;
  });
  expectTooLarge(answer.status, answer.type, answer.body, 'raw Content-Length');
});

test('raw socket, chunked with Expect: 100-continue: 12 MB', async ({ port }) => {
  const head =
    `POST /people HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${ADMIN_KEY}\r\n` +
    'Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nExpect: 100-continue\r\n\r\n';
  const answer = await rawExchange(port, head, function* () {
    const frame = Buffer.concat([Buffer.from(`${CHUNK.length.toString(16)}\r\n`), CHUNK, Buffer.from('\r\n')]);
    for (let sent = 0; sent < SIZE; sent += CHUNK.length) yield frame;
    yield Buffer.from('0\r\n\r\n');
  });
  expectTooLarge(answer.status, answer.type, answer.body, 'raw chunked');
});

test('a large body that is not JSON: 415, read as well', async ({ port }) => {
  const res = await fetch(`http://127.0.0.1:${port}/people`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'text/plain' },
    body: Buffer.alloc(3 * MB, 'a'),
  });
  assert.is(res.status, 415);
  assert.match(String(res.headers.get('content-type')), /^application\/problem\+json/);
  assert.is((await res.json()).code, 'unsupported_media_type');
});

test.run();
