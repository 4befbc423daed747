import { percentile } from '../harness/stats.js';
import { createRawHttpConnection } from './rawHttpConnection.js';

/**
 * The HTTP benchmarks' load generator: `connections` callers, each sending its next request when the
 * previous one is answered, over the same kept-alive sockets for the warm-up and every measured phase.
 *
 * Why not a fresh load per phase (autocannon opens new connections on every run): Node 20's libuv
 * accepts one connection per event-loop turn (libuv PR #3696, "don't accept() connections in a
 * loop"), and a turn of this server under load is a group commit with its fsync and the projections
 * (20–200 ms on a loaded 2-core machine). 64 new connections then take 64 turns to be accepted, and
 * the first requests on the last ones waited up to 1.5 s: a connection ramp, not the latency of a
 * command. The warm-up pays it once, on the sockets the measured phases then use.
 */
export interface LoadRequest {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

export interface LoadSummary {
  readonly ok: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly statusCodes: Record<string, number>;
  readonly latencyMs: {
    readonly p50: number;
    readonly p90: number;
    readonly p99: number;
    readonly max: number;
    readonly mean: number;
  };
}

export interface LoadPhase extends LoadSummary {
  /** Requests sent. */
  readonly requests: number;
  /** From the phase's first request to its last answer. */
  readonly seconds: number;
  /** CPU time the load generator itself used (it shares the machine with the server). */
  readonly clientCpuSeconds: number;
}

const TIMEOUT_MS = 30_000;

const round2 = (n: number) => Math.round(n * 100) / 100;

/** `url` may name several servers (nodes of a cluster): caller i sends to url[i % n], each on its own socket. */
export const createLoad = (url: string | readonly string[], connections: number) => {
  const targets = (typeof url === 'string' ? [url] : url).map((u) => new URL(u));
  let socketCount = 0;
  const callers = Array.from({ length: connections }, (_, i) => {
    const connection = createRawHttpConnection(targets[i % targets.length], TIMEOUT_MS);
    connection.onNewSocket(() => {
      socketCount += 1;
    });
    return connection;
  });

  /**
   * Runs `connections` callers until `next` answers undefined; each request's latency runs from its
   * send to the end of its answer, and `answered` sees every answer.
   */
  const run = async <T>(
    next: () => T | undefined,
    toRequest: (item: T) => LoadRequest,
    answered?: (item: T, status: number, body: string) => void,
  ): Promise<LoadPhase> => {
    const latencies: number[] = [];
    const statusCodes: Record<string, number> = {};
    let errors = 0;
    let timeouts = 0;
    let lastAnswer = 0;
    const cpu = process.cpuUsage();
    const start = performance.now();
    await Promise.all(
      Array.from({ length: connections }, async (_, caller) => {
        const connection = callers[caller];
        for (let item = next(); item !== undefined; item = next()) {
          const req = toRequest(item);
          const bytes = connection.encode(req.method, req.path, req.headers, req.body);
          const sent = performance.now();
          const outcome = await connection.request(bytes, answered !== undefined);
          lastAnswer = performance.now();
          if (outcome === 'error') errors += 1;
          else if (outcome === 'timeout') timeouts += 1;
          else {
            latencies.push(lastAnswer - sent);
            statusCodes[outcome.status] = (statusCodes[outcome.status] ?? 0) + 1;
            answered?.(item, outcome.status, outcome.body);
          }
        }
      }),
    );
    const used = process.cpuUsage(cpu);
    const ok = Object.entries(statusCodes).reduce((n, [code, count]) => (code.startsWith('2') ? n + count : n), 0);
    return {
      requests: latencies.length + errors + timeouts,
      seconds: Math.max(lastAnswer - start, 1) / 1000,
      clientCpuSeconds: round2((used.user + used.system) / 1e6),
      ok,
      non2xx: latencies.length - ok,
      errors,
      timeouts,
      statusCodes,
      latencyMs: {
        p50: round2(percentile(latencies, 50)),
        p90: round2(percentile(latencies, 90)),
        p99: round2(percentile(latencies, 99)),
        max: round2(latencies.reduce((m, l) => Math.max(m, l), 0)),
        mean: round2(latencies.reduce((s, l) => s + l, 0) / Math.max(1, latencies.length)),
      },
    };
  };

  return {
    /** Sends `next()` until it answers undefined; `answered` sees each answer with what was sent. */
    send: run,
    /** Sends request 0, 1, … count-1, each once; `answered` sees each answer with its index. */
    count: (
      count: number,
      request: (i: number) => LoadRequest,
      answered?: (i: number, status: number, body: string) => void,
    ) => {
      let n = 0;
      return run(() => (n < count ? n++ : undefined), request, answered);
    },
    /** Sends `next()` until `seconds` have passed; `answered` sees each answer with what was sent. */
    during: <T>(
      seconds: number,
      next: () => T,
      toRequest: (item: T) => LoadRequest,
      answered?: (item: T, status: number) => void,
    ) => {
      const until = performance.now() + seconds * 1000;
      return run(() => (performance.now() < until ? next() : undefined), toRequest, answered);
    },
    /** Distinct sockets that have carried an answer so far. */
    sockets: () => socketCount,
    close: () => {
      for (const c of callers) c.close();
    },
  };
};
