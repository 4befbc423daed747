import { createServer } from 'node:http';
import { createServer as createTcpServer, type Socket } from 'node:net';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { timeOrderedIds } from '../../app/timeOrderedIds.js';
import { createPlatform, type Platform } from '../../app/platform.js';
import { webhookCommands } from '../../commands/webhook/webhookCommands.js';
import { ADMIN_KEY_PRINCIPAL } from '../../domain/access/index.js';
import { systemClock } from '../../domain/shared/clock.js';
import type { Benchmark } from '../harness/benchmark.js';
import { drive } from '../harness/drive.js';
import { percentile, round } from '../harness/stats.js';
import { commandsOf, contextFor } from '../fixtures/partnerWork.js';

/** A receiver that answers 204 at once, noting when each position arrived. */
const receiver = async () => {
  const arrived = new Map<number, number>();
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const position = Number(/"position":(\d+)/.exec(body)?.[1]);
      if (!arrived.has(position)) arrived.set(position, performance.now());
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}/hook`, arrived, close: () => new Promise((r) => server.close(r)) };
};

/** Accepts connections and never answers. */
const blackhole = async () => {
  const sockets = new Set<Socket>();
  const server = createTcpServer((s) => void sockets.add(s));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((r) => server.close(r));
    },
  };
};

const until = async (done: () => boolean, ms: number) => {
  const deadline = Date.now() + ms;
  while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
};

const applications = (platform: Platform, count: number, callers: number, tag: string) =>
  drive(callers, count, (i) =>
    commandsOf(platform).partner.apply(contextFor(platform.ids), ADMIN_KEY_PRINCIPAL, {
      name: `Hooked ${tag} ${i}`,
      website: `https://hooked-${tag}-${i}.example`,
      country: 'DE',
      region: 'emea',
      type: 'reseller',
    }),
  );

/**
 * Webhook delivery on the platform as the server runs it (projections, policies, delivery): the
 * rate at which one subscription drains a backlog to a local receiver that answers at once; the
 * delay from append to delivery under a steady command load; and commands per second with and
 * without a subscription whose receiver never answers (a blackhole must not slow commands).
 */
export const webhooksBenchmark: Benchmark = {
  name: 'webhooks',
  title: 'Webhook delivery',
  description:
    'one subscription to a local receiver (in this process) that answers 204 at once: backlog drain rate, ' +
    'append-to-delivery delay under load, and commands/s beside a blackholed subscription',
  run: async (ctx) => {
    const quick = ctx.options.quick;
    const sizes = quick
      ? { backlog: 2_000, steady: 400, commands: 2_000 }
      : { backlog: 20_000, steady: 4_000, commands: 20_000 };
    const platform = await createPlatform({
      databaseFile: join(ctx.tempDir('webhooks'), 'prm.db'),
      clock: systemClock,
      ids: timeOrderedIds(),
      webhooks: { allowPrivate: true, timeoutMs: 10_000 },
    });
    const rec = await receiver();
    const hole = await blackhole();
    const hooks = webhookCommands({
      pipeline: platform.pipeline,
      ids: platform.ids,
      store: platform.store,
      ...platform.webhookSettings,
    });
    const subscribe = async (url: string) => {
      const r = await hooks.subscribe(contextFor(platform.ids), ADMIN_KEY_PRINCIPAL, { url });
      if (E.isLeft(r)) throw new Error(r.left.message);
      return r.right;
    };
    try {
      // Backlog: events appended before the subscription, replayed from the first of them.
      const from = (await platform.store.headPosition()) + 1;
      await applications(platform, sizes.backlog, 64, 'backlog');
      const head = await platform.store.headPosition();
      const hook = await subscribe(rec.url);
      const started = performance.now();
      const replay = await hooks.replay(contextFor(platform.ids), ADMIN_KEY_PRINCIPAL, {
        webhookId: hook.id,
        fromPosition: 1,
      });
      if (E.isLeft(replay)) throw new Error(replay.left.message);
      await until(() => rec.arrived.has(head), 600_000);
      const drainMs = performance.now() - started;
      const drained = [...rec.arrived.keys()].filter((p) => p >= from && p <= head).length;
      ctx.log(`webhooks: ${drained} backlog events delivered in ${round(drainMs / 1000, 1)} s`);

      // Steady load: the delay of each event from its append to its arrival at the receiver.
      const appendedAt = new Map<number, number>();
      let last = await platform.store.headPosition();
      const off = platform.store.onAppended((h) => {
        const now = performance.now();
        for (let p = last + 1; p <= h; p++) appendedAt.set(p, now);
        last = Math.max(last, h);
      });
      // Paced: 4 callers, each pausing 20 ms between commands (at most 200 a second), so the delay is
      // the delivery's own rather than a backlog's.
      await drive(4, sizes.steady, async (i) => {
        await new Promise((r) => setTimeout(r, 20));
        return commandsOf(platform).partner.apply(contextFor(platform.ids), ADMIN_KEY_PRINCIPAL, {
          name: `Steady ${i}`,
          website: `https://steady-${i}.example`,
          country: 'DE',
          region: 'emea',
          type: 'reseller',
        });
      });
      off();
      const steadyHead = await platform.store.headPosition();
      await until(() => rec.arrived.has(steadyHead), 120_000);
      const delays = [...appendedAt].flatMap(([p, at]) =>
        rec.arrived.has(p) ? [(rec.arrived.get(p) ?? at) - at] : [],
      );

      // A subscription whose receiver accepts connections and never answers, alone (the good one is
      // disabled, or its deliveries would be measured too): commands/s beside it, against commands/s with
      // no active subscription, in alternating rounds on the same store (it grows, and others' load varies).
      const check = (r: E.Either<{ message: string }, unknown>) => {
        if (E.isLeft(r)) throw new Error(r.left.message);
      };
      const admin = () => contextFor(platform.ids);
      check(await hooks.disable(admin(), ADMIN_KEY_PRINCIPAL, { webhookId: hook.id }));
      const holeId = (await subscribe(hole.url)).id;
      const rounds = 4;
      const perRound = sizes.commands / rounds;
      const plain = { ms: 0 };
      const beside = { ms: 0 };
      for (let r = 0; r < rounds; r++) {
        check(await hooks.disable(admin(), ADMIN_KEY_PRINCIPAL, { webhookId: holeId }));
        plain.ms += (await applications(platform, perRound, 64, `plain${r}`)).ms;
        check(await hooks.enable(admin(), ADMIN_KEY_PRINCIPAL, { webhookId: holeId }));
        beside.ms += (await applications(platform, perRound, 64, `blackhole${r}`)).ms;
      }
      const perSec = (run: { ms: number }, n: number) => round(n / (run.ms / 1000), 0);
      return {
        figures: [
          {
            key: 'deliveredPerSec',
            label: 'backlog delivered to one subscription',
            value: round(drained / (drainMs / 1000), 0),
            unit: 'events/s',
          },
          {
            key: 'delayP50Ms',
            label: 'append to delivery, p50 (commands at up to 200/s)',
            value: round(percentile(delays, 50), 1),
            unit: 'ms',
          },
          { key: 'delayP99Ms', label: 'append to delivery, p99', value: round(percentile(delays, 99), 1), unit: 'ms' },
          {
            key: 'commandsPerSec',
            label: 'commands/s, no active subscription (64 callers)',
            value: perSec(plain, sizes.commands),
            unit: 'commands/s',
          },
          {
            key: 'commandsBesideBlackholePerSec',
            label: 'commands/s beside a subscription whose receiver never answers',
            value: perSec(beside, sizes.commands),
            unit: 'commands/s',
          },
        ],
        details: { ...sizes, drainSeconds: round(drainMs / 1000, 2), delaySamples: delays.length },
      };
    } finally {
      await platform.close();
      await rec.close();
      await hole.close();
    }
  },
};
