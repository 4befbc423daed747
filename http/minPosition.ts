import type { FastifyInstance } from 'fastify';
import { problem, sendProblem } from './problem.js';

export const MIN_POSITION_HEADER = 'prm-min-position';
/** How long a read waits for the read models to reach the position asked for (DESIGN §12). */
export const MIN_POSITION_WAIT_MS = 5000;

export interface MinPositionOptions {
  /** Resolves once the read models include `position`; may reject or never resolve when they cannot. */
  readonly waitFor: (position: number) => Promise<void>;
  readonly waitMs?: number;
}

/** True once reached, false when the time runs out or the read models failed on the way. */
const reachedWithin = (wait: Promise<void>, ms: number) =>
  new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    wait.then(
      () => {
        clearTimeout(timer);
        resolve(true);
      },
      () => {
        clearTimeout(timer);
        resolve(false);
      },
    );
  });

/**
 * `PRM-Min-Position: <position>` on any read: the answer waits until the read models include that
 * position (a client that wrote through one node reads its write through any other), at most
 * `waitMs`, then 503 `read_model_behind` with Retry-After. Runs after authentication: an
 * unauthenticated caller gets its 401 without waiting.
 */
export const useMinPosition = (app: FastifyInstance, options: MinPositionOptions) => {
  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return;
    const header = request.headers[MIN_POSITION_HEADER];
    if (header === undefined) return;
    const value = Array.isArray(header) ? header[0] : header;
    if (!/^\d{1,15}$/.test(value.trim()))
      return sendProblem(
        reply,
        problem(400, 'validation_failed', 'PRM-Min-Position must be a log position (a non-negative integer)', [
          { path: 'headers.prm-min-position', message: 'must be an integer >= 0' },
        ]),
      );
    const position = Number(value.trim());
    const waitMs = options.waitMs ?? MIN_POSITION_WAIT_MS;
    if (await reachedWithin(options.waitFor(position), waitMs)) return;
    return sendProblem(
      reply.header('retry-after', '1'),
      problem(
        503,
        'read_model_behind',
        `the read models have not reached position ${position} within ${waitMs / 1000} s; retry shortly`,
      ),
    );
  });
};
