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
} => {
  const counters = new Map<string, Map<string, number>>();
  const histograms = new Map<string, Map<string, { buckets: number[]; sum: number; count: number }>>();
  const gauges: { name: string; help: string; read: () => Promise<number> | number }[] = [];
  return {
    inc: (name, labels = {}, by = 1) => {
      const series = counters.get(name) ?? new Map<string, number>();
      counters.set(name, series);
      const key = labelText(labels);
      series.set(key, (series.get(key) ?? 0) + by);
    },
    observe: (name, labels, seconds) => {
      const series = histograms.get(name) ?? new Map();
      histograms.set(name, series);
      const key = labelText(labels);
      const h = series.get(key) ?? { buckets: BUCKETS.map(() => 0), sum: 0, count: 0 };
      series.set(key, h);
      BUCKETS.forEach((b, i) => {
        if (seconds <= b) h.buckets[i]++;
      });
      h.sum += seconds;
      h.count++;
    },
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

/** Counts and times every request by route pattern and status. */
export const useRequestMetrics = (app: FastifyInstance, metrics: ReturnType<typeof createMetrics>) => {
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const labels = { method: request.method, route, status: String(reply.statusCode) };
    metrics.inc('prm_http_requests_total', labels);
    metrics.observe('prm_http_request_duration_seconds', { method: request.method, route }, reply.elapsedTime / 1000);
  });
};
