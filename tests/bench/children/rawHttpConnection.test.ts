import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createRawHttpConnection } from '../../../bench/children/rawHttpConnection.js';

/**
 * The benchmarks' HTTP client reads answers with its own minimal parser: every way Node's server may
 * delimit a body reaches the caller whole, and a broken or silent connection is reported, then replaced.
 */
const test = suite('rawHttpConnection');

const listen = async (server: Server) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
};

const withServer = async (
  handler: Parameters<typeof createServer>[1],
  body: (connection: ReturnType<typeof createRawHttpConnection>, sockets: () => number) => Promise<void>,
  timeoutMs = 5000,
) => {
  const server = createServer(handler);
  const connection = createRawHttpConnection(await listen(server), timeoutMs);
  let sockets = 0;
  connection.onNewSocket(() => {
    sockets += 1;
  });
  try {
    await body(connection, () => sockets);
  } finally {
    connection.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
};

const get = (c: ReturnType<typeof createRawHttpConnection>, path: string, wantBody = true) =>
  c.request(c.encode('GET', path, {}), wantBody);

test('answers of a known length, a chunked body and no body arrive whole, in turn, on one socket', () =>
  withServer(
    (req, res) => {
      if (req.url === '/length') res.end('é'.repeat(40_000));
      else if (req.url === '/chunked') {
        res.write('first,');
        setTimeout(() => res.end('second'), 5);
      } else res.writeHead(204).end();
    },
    async (c, sockets) => {
      assert.equal(await get(c, '/length'), { status: 200, body: 'é'.repeat(40_000) });
      assert.equal(await get(c, '/chunked'), { status: 200, body: 'first,second' });
      assert.equal(await get(c, '/none'), { status: 204, body: '' });
      assert.equal(await get(c, '/length', false), { status: 200, body: '' }, 'the body is decoded only when wanted');
      assert.equal(await get(c, '/chunked'), { status: 200, body: 'first,second' });
      assert.is(sockets(), 1);
    },
  ));

test('a request body is sent with its length in bytes, headers as given', () =>
  withServer(
    (req, res) => {
      let received = '';
      req.setEncoding('utf8');
      req.on('data', (d: string) => (received += d));
      req.on('end', () => res.writeHead(201).end(`${req.method} ${req.headers['x-caller']} ${received}`));
    },
    async (c) => {
      const answer = await c.request(c.encode('POST', '/people', { 'x-caller': 'bench' }, '{"name":"Zoë"}'), true);
      assert.equal(answer, { status: 201, body: 'POST bench {"name":"Zoë"}' });
    },
  ));

test('a server that closes the connection after its answer, or mid-answer, gets a new socket next time', () =>
  withServer(
    (req, res) => {
      if (req.url === '/close') res.writeHead(200, { connection: 'close' }).end('bye');
      else if (req.url === '/break') {
        res.writeHead(200, { 'content-length': '100' });
        res.write('partial');
        setTimeout(() => res.socket?.destroy(), 5);
      } else res.end('ok');
    },
    async (c, sockets) => {
      assert.equal(await get(c, '/close'), { status: 200, body: 'bye' });
      assert.equal(await get(c, '/'), { status: 200, body: 'ok' });
      assert.is(sockets(), 2);
      assert.is(await get(c, '/break'), 'error');
      assert.equal(await get(c, '/'), { status: 200, body: 'ok' });
      assert.is(sockets(), 3);
    },
  ));

test('no answer within the timeout is a timeout, and the next request is answered on a new socket', () =>
  withServer(
    (req, res) => {
      if (req.url !== '/silent') res.end('ok');
    },
    async (c, sockets) => {
      assert.is(await get(c, '/silent'), 'timeout');
      assert.equal(await get(c, '/'), { status: 200, body: 'ok' });
      assert.is(sockets(), 1, 'the silent socket never carried an answer');
    },
    100,
  ));

test.run();
