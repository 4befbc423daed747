import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ResponseContract } from './responseContract.js';

export const HealthBody = z.object({
  status: z.literal('ok'),
  headPosition: z.number().int(),
  projectionPosition: z.number().int(),
  projectionLag: z.number().int().describe('events the read models have still to apply'),
});

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
    headPosition: () => Promise<number>;
    projectionPosition: () => number;
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
      const head = await deps.headPosition();
      const projected = deps.projectionPosition();
      return { status: 'ok', headPosition: head, projectionPosition: projected, projectionLag: head - projected };
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
