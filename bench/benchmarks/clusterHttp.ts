/**
 * Cluster mode (issue 14): the HTTP command mix against one `prm serve` node and against two on one
 * PostgreSQL (a fresh database each), load from a child process spread over the nodes, then the
 * cross-node visibility lag. The nodes and PostgreSQL share the machine with the load generator.
 */
import type { Benchmark, Figure } from '../harness/benchmark.js';
import { runChild } from '../harness/child.js';
import { round } from '../harness/stats.js';
import type { ClusterHttpLoadInput, ClusterHttpLoadOutput } from '../children/clusterHttpLoad.js';
import { ADMIN_KEY, startServer, type ServerProcess } from '../../tests/reliability/serverProcess.js';
import { freshDatabase } from '../../tests/support/clusterTestApp.js';
import { startPostgres } from '../../tests/support/postgresServer.js';

const CONNECTIONS = 64;
/** A node of a cluster keeps nothing local: a data directory it cannot write proves it. */
const NO_DATA_DIR = '/proc/prm-cluster-has-no-data-dir';

const healthOf = async (url: string) => (await (await fetch(`${url}/health`)).json()) as { projectionLag?: number };

export const clusterHttp: Benchmark = {
  name: 'clusterHttp',
  title: 'Cluster mode over HTTP',
  description:
    `the partner command mix over HTTP against 1 and 2 prm serve nodes on one PostgreSQL 15, ${CONNECTIONS} ` +
    'kept-alive connections spread over the nodes from a child process; then write on one node, read on the next',
  run: async (ctx) => {
    const { quick } = ctx.options;
    const sizes = quick
      ? { partners: 256, warmup: 200, seconds: 2, lagSamples: 20 }
      : { partners: 1024, warmup: 2000, seconds: 10, lagSamples: 200 };
    const pg = await startPostgres();
    const figures: Figure[] = [];
    const details: Record<string, unknown> = { connections: CONNECTIONS, ...sizes };
    try {
      for (const count of [1, 2]) {
        const url = await freshDatabase(pg, 'bench');
        const env = { PRM_DATABASE_URL: url };
        const nodes: ServerProcess[] = await Promise.all(
          Array.from({ length: count }, () => startServer(NO_DATA_DIR, env)),
        );
        try {
          const load = await runChild<ClusterHttpLoadInput, ClusterHttpLoadOutput>(
            new URL('../children/clusterHttpLoad.ts', import.meta.url),
            {
              urls: nodes.map((n) => n.url),
              adminKey: ADMIN_KEY,
              partners: sizes.partners,
              connections: CONNECTIONS,
              seconds: sizes.seconds,
              warmupRequests: sizes.warmup,
              lagSamples: sizes.lagSamples,
            },
          );
          const lags = await Promise.all(nodes.map(async (n) => (await healthOf(n.url)).projectionLag));
          const perSec = round(load.ok / load.seconds, 0);
          ctx.log(
            `clusterHttp ${count} node(s): ${perSec} commands/s, p99 ${load.latencyMs.p99} ms, ` +
              `${load.non2xx} non-2xx, ${load.errors} errors; visibility lag p50 ${load.lag.p50Ms} ms, ` +
              `p99 ${load.lag.p99Ms} ms`,
          );
          const key = `nodes${count}`;
          figures.push(
            { key: `${key}CommandsPerSec`, label: `${count} node(s): 2xx commands`, value: perSec, unit: 'commands/s' },
            {
              key: `${key}P99Ms`,
              label: `${count} node(s): command latency p99`,
              value: load.latencyMs.p99,
              unit: 'ms',
            },
            {
              key: `${key}Non2xx`,
              label: `${count} node(s): non-2xx answers and errors`,
              value: load.non2xx + load.errors + load.timeouts,
              unit: 'requests',
            },
          );
          if (count > 1)
            figures.push(
              { key: 'lagP50Ms', label: 'cross-node visibility lag p50', value: load.lag.p50Ms, unit: 'ms' },
              {
                key: 'lagP99Ms',
                label: 'cross-node visibility lag p99',
                value: load.lag.p99Ms,
                unit: 'ms',
                target: { op: '<', value: 100 },
              },
            );
          details[key] = {
            seconds: load.seconds,
            statusCodes: load.statusCodes,
            latencyMs: load.latencyMs,
            clientCpuSeconds: load.clientCpuSeconds,
            warmupStatusCodes: load.warmup.statusCodes,
            seedingLatencyMs: load.seeding.latencyMs,
            lag: load.lag,
            projectionLagAfter: lags,
          };
        } finally {
          await Promise.all(nodes.map((n) => n.stop()));
        }
      }
    } finally {
      await pg.stop();
    }
    return { figures, details };
  },
};
