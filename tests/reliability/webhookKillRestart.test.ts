/**
 * DESIGN §11: webhook delivery progress survives kill -9. The real server runs as a child process with
 * a subscription to a receiver in this process; commands keep coming while events are delivered, the
 * server is killed with SIGKILL mid-delivery and restarted: every event of the log after the
 * subscription reaches the receiver (duplicates allowed, gaps never), and each run delivers in log order.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startReceiver } from '../support/receiver.js';
import { ADMIN_KEY, startServer, type ServerProcess } from './serverProcess.js';

/** The few fields of the answers this test reads. */
interface Answer {
  readonly position: number;
  readonly headPosition: number;
  readonly items: { position: number }[];
}

const call = async (base: string, method: string, url: string, body?: unknown) => {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN_KEY}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as Answer };
};

/** Commands from `workers` loops until `stop` resolves; failures after a kill are expected and ignored. */
const keepApplying = (server: ServerProcess, workers: number, stop: Promise<void>) => {
  let stopped = false;
  void stop.then(() => (stopped = true));
  let n = 0;
  return Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      while (!stopped) {
        const tag = `${w}-${n++}`;
        await call(server.url, 'POST', '/partners', {
          name: `Partner ${tag}`,
          website: `https://p${tag}.example`,
          country: 'DE',
          region: 'emea',
          type: 'reseller',
        }).catch(() => undefined);
      }
    }),
  );
};

const test = suite('webhook delivery across kill -9');

test('after kill -9 and a restart, every event after the subscription reaches the receiver', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'prm-webhook-kill-'));
  Object.assign(process.env, {
    PRM_WEBHOOKS_ALLOW_PRIVATE: 'true',
    PRM_WEBHOOK_FIRST_RETRY_MS: '50',
    PRM_WEBHOOK_MAX_RETRY_DELAY_MS: '200',
  });
  // A little slow, so that deliveries are in flight when the server dies.
  const receiver = await startReceiver(() => ({ status: 200, delayMs: 3 }));
  let server = await startServer(dir);
  try {
    const hook = await call(server.url, 'POST', '/webhooks', { url: receiver.url });
    assert.is(hook.status, 201, JSON.stringify(hook.body));
    let kill!: () => void;
    const killed = new Promise<void>((resolve) => (kill = resolve));
    const load = keepApplying(server, 6, killed);
    await receiver.until((got) => got.length >= 150, 60_000);
    await server.kill();
    kill();
    await load;
    const beforeRestart = receiver.received.length;

    server = await startServer(dir);
    for (let i = 0; i < 20; i++)
      await call(server.url, 'POST', '/partners', {
        name: `After ${i}`,
        website: `https://after${i}.example`,
        country: 'FR',
        region: 'emea',
        type: 'msp',
      });
    const head = (await call(server.url, 'GET', '/health')).body.headPosition as number;
    await receiver.until((got) => got.some((g) => g.event.position === head), 60_000);

    const expected: number[] = [];
    for (let after = hook.body.position; ; ) {
      const page = await call(server.url, 'GET', `/audit/events?after=${after}&limit=500`);
      expected.push(...page.body.items.map((e) => e.position));
      if (page.body.items.length < 500) break;
      after = expected[expected.length - 1];
    }
    const got = new Set(receiver.positions());
    const missing = expected.filter((p) => !got.has(p));
    assert.equal(missing, [], 'no event missing at the receiver');
    // Each run delivers in log order; the second starts at or before the first one's last event.
    const first = receiver.positions().slice(0, beforeRestart);
    const second = receiver.positions().slice(beforeRestart);
    assert.ok(
      first.every((p, i) => i === 0 || p > first[i - 1]),
      'in order before the kill',
    );
    assert.ok(
      second.every((p, i) => i === 0 || p > second[i - 1]),
      'in order after the restart',
    );
    assert.ok(second[0] <= first[first.length - 1] + 1, 'resumed at the first unacknowledged event at the latest');
    assert.ok(expected.length > 170, `${expected.length} events delivered`);
  } finally {
    await server.stop();
    await receiver.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
