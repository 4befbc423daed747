import type { FastifyInstance } from 'fastify';

/** A few counters and gauges in the Prometheus text format; no client library needed for this much. */
export interface Metrics {
  readonly inc: (name: string, labels?: Record<string, string>, by?: number) => void;
  readonly gauge: (name: string, help: string, read: () => Promise<number> | number) => void;
  readonly render: () => Promise<string>;
}

const BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
const labelText = (labels: Record<string, string>) => {
  const entries = Object.entries(labels);
  return entries.length ? `{${entries.map(([k, v]) => `${k}="${v.replace(/["\\\n]/g, '_')}"`).join(',')}}` : '';
};

export const createMetrics = (): Metrics & {
  observe: (name: string, labels: Record<string, string>, seconds: number) => void;
  /** `inc` and `observe` with the labels already written out (see `labelText`): what each request records. */
  count: (name: string, labels: string) => void;
  time: (name: string, labels: string, seconds: number) => void;
} => {
  const counters = new Map<string, Map<string, number>>();
  const histograms = new Map<string, Map<string, { buckets: number[]; sum: number; count: number }>>();
  const gauges: { name: string; help: string; read: () => Promise<number> | number }[] = [];
  const count = (name: string, key: string, by = 1) => {
    let series = counters.get(name);
    if (!series) {
      series = new Map<string, number>();
      counters.set(name, series);
    }
    series.set(key, (series.get(key) ?? 0) + by);
  };
  const time = (name: string, key: string, seconds: number) => {
    let series = histograms.get(name);
    if (!series) {
      series = new Map();
      histograms.set(name, series);
    }
    let h = series.get(key);
    if (!h) {
      h = { buckets: BUCKETS.map(() => 0), sum: 0, count: 0 };
      series.set(key, h);
    }
    for (let i = 0; i < BUCKETS.length; i++) if (seconds <= BUCKETS[i]) h.buckets[i]++;
    h.sum += seconds;
    h.count++;
  };
  return {
    inc: (name, labels = {}, by = 1) => count(name, labelText(labels), by),
    observe: (name, labels, seconds) => time(name, labelText(labels), seconds),
    count: (name, labels) => count(name, labels),
    time,
    gauge: (name, help, read) => void gauges.push({ name, help, read }),
    render: async () => {
      const lines: string[] = [];
      for (const [name, series] of counters) {
        lines.push(`# TYPE ${name} counter`);
        for (const [labels, value] of series) lines.push(`${name}${labels} ${value}`);
      }
      for (const [name, series] of histograms) {
        lines.push(`# TYPE ${name} histogram`);
        for (const [labels, h] of series) {
          const inner = labels.slice(1, -1);
          const join = (extra: string) => `{${inner ? `${inner},` : ''}${extra}}`;
          BUCKETS.forEach((b, i) => {
            lines.push(`${name}_bucket${join(`le="${b}"`)} ${h.buckets[i]}`);
          });
          lines.push(`${name}_bucket${join('le="+Inf"')} ${h.count}`);
          lines.push(`${name}_sum${labels} ${h.sum}`);
          lines.push(`${name}_count${labels} ${h.count}`);
        }
      }
      for (const g of gauges) {
        lines.push(`# HELP ${g.name} ${g.help}`, `# TYPE ${g.name} gauge`, `${g.name} ${await g.read()}`);
      }
      return `${lines.join('\n')}\n`;
    },
  };
};

/**
 * Counts and times every request by route pattern and status. The label texts of a method, route and
 * status are written once (the combinations are few), not on every request.
 */
export const useRequestMetrics = (app: FastifyInstance, metrics: ReturnType<typeof createMetrics>) => {
  const labelsOf = new Map<string, { readonly counted: string; readonly timed: string }>();
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const key = `${request.method} ${reply.statusCode} ${route}`;
    let labels = labelsOf.get(key);
    if (!labels) {
      const { method } = request;
      labels = {
        counted: labelText({ method, route, status: String(reply.statusCode) }),
        timed: labelText({ method, route }),
      };
      labelsOf.set(key, labels);
    }
    metrics.count('prm_http_requests_total', labels.counted);
    metrics.time('prm_http_request_duration_seconds', labels.timed, reply.elapsedTime / 1000);
    done();
  });
};
