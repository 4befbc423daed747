import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { HealthReport } from '../infra/health.js';
import { InstantOut, named } from './contract.js';
import type { ResponseContract } from './responseContract.js';

export const HealthBody = named(
  'Health',
  z.object({
    status: z.enum(['ok', 'degraded']),
    reasons: z
      .array(
        z.object({
          component: z.string(),
          code: z.string().describe('storage_full, database_unavailable, …'),
          detail: z.string(),
          since: InstantOut.optional(),
        }),
      )
      .describe('why the server is degraded; empty when ok'),
    headPosition: z.number().int().nullable().describe('null when the log cannot be read'),
    projectionPosition: z.number().int(),
    projectionLag: z.number().int().nullable().describe('events the read models have still to apply'),
    running: z
      .array(z.enum(['projections', 'policies', 'webhooks']))
      .optional()
      .describe('cluster mode: the followers this node runs now (it holds their lease)'),
  }),
);

const publicRoute = (body: z.ZodType, produces: ResponseContract['produces']): ResponseContract => ({
  status: 200,
  body,
  produces,
  headers: [],
  problems: [],
  requestHeaders: [],
});

/** `/health` and `/metrics`: public, for load balancers and Prometheus. */
export const healthRoutes = (
  app: FastifyInstance,
  deps: {
    health: () => HealthReport;
    headPosition: () => Promise<number>;
    projectionPosition: () => number;
    /** Cluster mode: the followers this node runs. */
    running?: () => readonly string[];
    metrics: () => Promise<string>;
  },
) => {
  app.get(
    '/health',
    {
      config: { public: true },
      schema: {
        summary: 'Liveness and projection lag',
        tags: ['operations'],
        contract: publicRoute(HealthBody, 'application/json'),
      },
    },
    async (): Promise<z.input<typeof HealthBody>> => {
      const { status, reasons } = deps.health();
      // A log that cannot even be read is the most degraded state of all; /health still answers.
      const head = await deps.headPosition().catch(() => undefined);
      const projected = deps.projectionPosition();
      const unreadable = { component: 'event-log', code: 'database_unavailable', detail: 'the log cannot be read' };
      return {
        status: head === undefined ? 'degraded' : status,
        reasons: head === undefined ? [...reasons, unreadable] : [...reasons],
        headPosition: head ?? null,
        projectionPosition: projected,
        projectionLag: head === undefined ? null : head - projected,
        ...(deps.running ? { running: deps.running() as z.input<typeof HealthBody>['running'] } : {}),
      };
    },
  );
  app.get(
    '/metrics',
    {
      config: { public: true },
      schema: {
        summary: 'Prometheus metrics (text exposition format 0.0.4)',
        tags: ['operations'],
        contract: publicRoute(z.string(), 'text/plain'),
      },
    },
    async (_request, reply) => reply.header('content-type', 'text/plain; version=0.0.4').send(await deps.metrics()),
  );
};
