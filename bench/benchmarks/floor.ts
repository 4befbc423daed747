import { join } from 'node:path';
import type { Benchmark, Figure } from '../harness/benchmark.js';
import { cycleLoad, faultsOf } from '../harness/cycleLoadRun.js';
import { round } from '../harness/stats.js';
import { floorServer } from '../fixtures/floorServer.js';
import type { CycleLoadInput, CycleLoadOutput } from '../children/cycleLoad.js';

export const COMMAND_CONNECTIONS = 64;
export const READ_CONNECTIONS = 32;

/** `commandsPerSec`, `commandP50Ms`, `commandP99Ms` (and the same for `read`): what the other benchmarks divide by. */
const floorFigures = (kind: 'command' | 'read', connections: number, p: CycleLoadOutput): Figure[] => [
  {
    key: `${kind}sPerSec`,
    label: `${kind} floor, ${connections} connections`,
    value: round(p.ok / p.seconds, 0),
    unit: `${kind}s/s`,
  },
  { key: `${kind}P50Ms`, label: `${kind} floor p50`, value: p.latencyMs.p50, unit: 'ms' },
  { key: `${kind}P99Ms`, label: `${kind} floor p99`, value: p.latencyMs.p99, unit: 'ms' },
];

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
        cycleLoad({ url, connections, seconds: sizes.seconds, warmupRequests: sizes.warmup, requests });
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
      ctx.log(
        `floor: ${round(commands.ok / commands.seconds, 0)} commands/s (p99 ${commands.latencyMs.p99} ms), ` +
          `${round(reads.ok / reads.seconds, 0)} reads/s (p99 ${reads.latencyMs.p99} ms), ` +
          `${faultsOf(commands) + faultsOf(reads)} faults`,
      );
      return {
        figures: [
          ...floorFigures('command', COMMAND_CONNECTIONS, commands),
          ...floorFigures('read', READ_CONNECTIONS, reads),
          {
            key: 'faults',
            label: 'non-2xx, errors and timeouts (warm-up included)',
            value: faultsOf(commands) + faultsOf(reads),
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
