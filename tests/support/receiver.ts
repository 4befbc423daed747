import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { Socket } from 'node:net';

/** One request a receiver got. */
export interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly event: { position: number; eventId: string; type: string; streamId: string; data: unknown };
}

/** How the receiver answers the n-th request (0-based): a status, `reset`, `hang` (never answers), or a delay. */
export type Behaviour = (n: number, r: Received) => number | 'reset' | 'hang' | { status: number; delayMs: number };

/**
 * A webhook receiver on loopback (node:http), recording every request in arrival order; `behave`
 * decides each answer. Real sockets, so timeouts, resets and hanging receivers are real.
 */
export const startReceiver = async (behave: Behaviour = () => 200) => {
  const received: Received[] = [];
  const sockets = new Set<Socket>();
  let behaviour = behave;
  let count = 0;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const r: Received = { headers: req.headers, body, event: JSON.parse(body) };
      received.push(r);
      const answer = behaviour(count++, r);
      if (answer === 'reset') return req.socket.destroy();
      if (answer === 'hang') return;
      const { status, delayMs } = typeof answer === 'number' ? { status: answer, delayMs: 0 } : answer;
      setTimeout(
        () => res.writeHead(status, status >= 300 && status < 400 ? { location: '/elsewhere' } : {}).end('ok'),
        delayMs,
      );
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    positions: () => received.map((r) => r.event.position),
    behave: (next: Behaviour) => {
      behaviour = next;
    },
    /** Resolves once `predicate` holds for what was received (checked every 20 ms), or rejects after `ms`. */
    until: async (predicate: (received: readonly Received[]) => boolean, ms = 20_000) => {
      const deadline = Date.now() + ms;
      while (!predicate(received)) {
        if (Date.now() > deadline)
          throw new Error(`receiver: condition not met within ${ms} ms (${received.length} received)`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};
export type Receiver = Awaited<ReturnType<typeof startReceiver>>;

/** A TCP listener that accepts connections and never answers: a blackholed receiver. */
export const startBlackhole = async () => {
  const { createServer: tcp } = await import('node:net');
  const sockets = new Set<Socket>();
  const server = tcp((s) => {
    sockets.add(s);
    s.on('data', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    connections: () => sockets.size,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};
