import { join } from 'node:path';
import type { Benchmark } from '../harness/benchmark.js';
import { runChild } from '../harness/child.js';
import { round } from '../harness/stats.js';
import { floorServer } from '../fixtures/floorServer.js';
import type { CycleLoadInput, CycleLoadOutput } from '../children/cycleLoad.js';

export const COMMAND_CONNECTIONS = 64;
export const READ_CONNECTIONS = 32;

/**
 * The machine's ceiling for a command and for a read in this run (bench/fixtures/floorServer.ts):
 * every HTTP benchmark after it reports its rate as a share of these (`…PctOfFloor`).
 */
export const floor: Benchmark = {
  name: 'floor',
  title: 'Floors',
  description:
    `fastify + zod + one group-committed durable insert of an event-sized row (${COMMAND_CONNECTIONS} ` +
    `connections), and fastify + one prepared primary-key select (${READ_CONNECTIONS} connections), ` +
    'kept-alive from a child process, warmed up first',
  run: async (ctx) => {
    const { quick } = ctx.options;
    const sizes = quick ? { partners: 1000, warmup: 500, seconds: 1 } : { partners: 20_000, warmup: 4000, seconds: 10 };
    const server = await floorServer(join(ctx.tempDir('floor'), 'floor.db'), sizes.partners);
    try {
      const url = await server.app.listen({ port: 0, host: '127.0.0.1' });
      const load = (connections: number, requests: CycleLoadInput['requests']) =>
        runChild<CycleLoadInput, CycleLoadOutput>(new URL('../children/cycleLoad.ts', import.meta.url), {
          url,
          connections,
          seconds: sizes.seconds,
          warmupRequests: sizes.warmup,
          requests,
        });
      const body = JSON.stringify({
        name: 'Floor Partner {n}',
        website: 'https://floor-{n}.example',
        country: 'DE',
        region: 'emea',
        type: 'reseller',
      });
      const commands = await load(COMMAND_CONNECTIONS, [
        { method: 'POST', path: '/floor/partners', headers: { 'content-type': 'application/json' }, body },
      ]);
      const reads = await load(
        READ_CONNECTIONS,
        server.partnerIds.map((id) => ({ method: 'GET' as const, path: `/floor/partners/${id}`, headers: {} })),
      );
      const faults = (p: CycleLoadOutput) =>
        p.non2xx + p.errors + p.timeouts + p.warmup.non2xx + p.warmup.errors + p.warmup.timeouts;
      const commandsPerSec = round(commands.ok / commands.seconds, 0);
      const readsPerSec = round(reads.ok / reads.seconds, 0);
      ctx.log(
        `floor: ${commandsPerSec} commands/s (p99 ${commands.latencyMs.p99} ms), ` +
          `${readsPerSec} reads/s (p99 ${reads.latencyMs.p99} ms), ${faults(commands) + faults(reads)} faults`,
      );
      return {
        figures: [
          {
            key: 'commandsPerSec',
            label: `command floor, ${COMMAND_CONNECTIONS} connections`,
            value: commandsPerSec,
            unit: 'commands/s',
          },
          { key: 'commandP50Ms', label: 'command floor p50', value: commands.latencyMs.p50, unit: 'ms' },
          { key: 'commandP99Ms', label: 'command floor p99', value: commands.latencyMs.p99, unit: 'ms' },
          {
            key: 'readsPerSec',
            label: `read floor, ${READ_CONNECTIONS} connections`,
            value: readsPerSec,
            unit: 'reads/s',
          },
          { key: 'readP50Ms', label: 'read floor p50', value: reads.latencyMs.p50, unit: 'ms' },
          { key: 'readP99Ms', label: 'read floor p99', value: reads.latencyMs.p99, unit: 'ms' },
          {
            key: 'faults',
            label: 'non-2xx, errors and timeouts (warm-up included)',
            value: faults(commands) + faults(reads),
            unit: 'requests',
          },
        ],
        details: {
          seconds: sizes.seconds,
          warmupRequests: sizes.warmup,
          partnerRows: sizes.partners,
          commandLatencyMs: commands.latencyMs,
          readLatencyMs: reads.latencyMs,
          clientCpuSeconds: { commands: commands.clientCpuSeconds, reads: reads.clientCpuSeconds },
        },
      };
    } finally {
      await server.close();
    }
  },
};
