import type { FastifyInstance } from 'fastify';
import * as E from 'fp-ts/lib/Either.js';
import { z } from 'zod';
import { readsEverything, isVendorAdmin, isChannelStaff, type Principal } from '../domain/access/index.js';
import type { DomainError, IdGenerator } from '../domain/shared/index.js';
import { isWrongExpectedVersion } from '../eventstore/errors.js';
import { principalOf } from './authenticate.js';
import { createKeyedLock } from '../infra/keyedLock.js';
import { requestHash, type IdempotencyStore } from './idempotency.js';
import { problem, problemOf, sendProblem, type Problem } from './problem.js';
import { fastifySchema, type RouteInput, type RouteShape } from './routes.js';
import { named } from './contract.js';
import { contractOf, IdempotencyKey } from './responseContract.js';
import { ifMatchTarget } from './ifMatchTarget.js';
import { actorOf } from '../commands/auth/actorOf.js';
import {
  idempotentCommandId,
  PreconditionFailed,
  withCommandScopedIds,
  type CommandContext,
  type CommandResult,
} from '../commands/pipeline/index.js';

/** What every command route needs from the application. */
export interface CommandKit {
  readonly ids: IdGenerator;
  readonly idempotency: IdempotencyStore;
  /** Resolves when the read models include `position` (read-your-writes). */
  readonly waitForProjections: (position: number) => Promise<void>;
  /** Where the read models stand, told to clients when they cannot follow the log. */
  readonly readModelPosition?: () => number;
  readonly now: () => Date;
}

export { actorOf };

/** What every command answers (DESIGN §6): where its events landed. */
export const CommandResultBody = named(
  'CommandResult',
  z.object({
    id: z.string().describe('the id of the thing the command acted on'),
    streamId: z.string(),
    version: z.number().int().describe('the stream version after the command: the next If-Match'),
    position: z.number().int().describe('global log position of the last event appended'),
  }),
);

/** Auditors and analysts read everything and change nothing. */
const isReadOnlyStaff = (p: Principal) => readsEverything(p) && !isVendorAdmin(p) && !isChannelStaff(p);

const parseIfMatch = (header: string | undefined): number | undefined | 'invalid' => {
  if (header === undefined) return undefined;
  const m = /^(?:W\/)?"?(\d{1,15})"?$/.exec(header.trim());
  return m ? Number(m[1]) : 'invalid';
};

/** `behind`: the events are stored but the read models could not follow them (read-your-writes waived). */
type Outcome = { status: number; body: unknown; problem: boolean; behind?: boolean };

/** One lock per application, shared by every route: a key is scoped to the caller, not to a route. */
const keyLocks = new WeakMap<CommandKit, ReturnType<typeof createKeyedLock>>();
const keyLockOf = (kit: CommandKit) => {
  const lock = keyLocks.get(kit) ?? createKeyedLock();
  keyLocks.set(kit, lock);
  return lock;
};

/**
 * A command route: authenticated and validated, optimistic concurrency through `If-Match`, retries
 * made safe by `Idempotency-Key`, answered only once the read models include its events.
 */
export const commandRoute = <P extends z.ZodType, B extends z.ZodType>(
  app: FastifyInstance,
  kit: CommandKit,
  shape: RouteShape<P, z.ZodType, B> & {
    readonly created?: boolean;
    /** The answer's schema when it carries more than CommandResult (e.g. an API key shown once). */
    readonly result?: z.ZodType;
    /** Fields answered once and never stored with the idempotency record: a replay answers without them. */
    readonly secretFields?: readonly string[];
  },
  handler: (
    input: RouteInput<P, z.ZodType, B> & { ctx: CommandContext },
  ) => Promise<E.Either<DomainError, CommandResult>>,
) => {
  const lock = keyLockOf(kit);
  // A top-level create is read back at `<collection>/<id>`; nested creates (an MDF request) have no URL of their own.
  const location = shape.created && !shape.url.includes(':') ? (id: string) => `${shape.url}/${id}` : undefined;
  const contract = contractOf(shape, {
    kind: 'command',
    status: shape.created ? 201 : 200,
    body: shape.result ?? CommandResultBody,
    headers: ['etag', ...(location ? (['location'] as const) : []), 'prm-read-models', 'prm-read-models-position'],
  });
  app.route({
    method: shape.method,
    url: shape.url,
    schema: fastifySchema(shape, contract),
    handler: async (request, reply) => {
      const principal = principalOf(request);
      if (isReadOnlyStaff(principal))
        return sendProblem(reply, problem(403, 'forbidden', 'auditors and analysts do not issue commands'));
      const expectedVersion = parseIfMatch(request.headers['if-match'] as string | undefined);
      if (expectedVersion === 'invalid')
        return sendProblem(
          reply,
          problem(400, 'validation_failed', 'If-Match must be a quoted stream version, e.g. "3"', [
            { path: 'headers.if-match', message: 'must be "<version>"' },
          ]),
        );
      const key = request.headers['idempotency-key'] as string | undefined;
      if (key !== undefined && !IdempotencyKey.safeParse(key).success)
        return sendProblem(
          reply,
          problem(400, 'validation_failed', 'Idempotency-Key must be 1 to 255 visible ASCII characters', [
            { path: 'headers.idempotency-key', message: 'invalid key' },
          ]),
        );

      const actor = actorOf(principal);
      const scope = key === undefined ? undefined : `${actor.kind}:${actor.id}:${key}`;
      // A keyed command has the same id on every retry: after a crash between its append and the
      // record of its response, the retry is recognised in the log and answers the original result.
      const commandId = scope === undefined ? kit.ids.next('command') : idempotentCommandId(scope);
      const correlation = request.headers['x-correlation-id'];
      const causation = request.headers['x-causation-id'];
      const expectedStreamId = expectedVersion === undefined ? undefined : ifMatchTarget(shape.url, request.params);
      const ctx: CommandContext = {
        actor,
        commandId,
        correlationId: typeof correlation === 'string' && correlation.length <= 128 ? correlation : commandId,
        // Bounded like the correlation id: whatever is accepted here stays in the log for good.
        ...(typeof causation === 'string' && causation.length <= 128 ? { causationId: causation } : {}),
        ...(key ? { idempotencyKey: key } : {}),
        ...(expectedVersion !== undefined ? { expectedVersion } : {}),
        ...(expectedStreamId ? { expectedStreamId } : {}),
      };

      const run = async (): Promise<Outcome> => {
        try {
          const input = {
            params: request.params as z.infer<P>,
            query: request.query,
            body: request.body as z.infer<B>,
            principal,
            request,
            reply,
            ctx,
          };
          const result = await (scope === undefined
            ? handler(input)
            : withCommandScopedIds(commandId, () => handler(input)));
          if (E.isLeft(result))
            return { status: problemOf(result.left).status, body: problemOf(result.left), problem: true };
          // Stored is acknowledged: read models that cannot follow (disk full, database gone) waive
          // read-your-writes for this answer rather than turn a command that took effect into an error.
          const behind = await kit.waitForProjections(result.right.position).then(
            () => false,
            (error: unknown) => {
              request.log.warn({ err: error }, 'read models behind a stored command');
              return true;
            },
          );
          return { status: shape.created ? 201 : 200, body: result.right, problem: false, behind };
        } catch (error) {
          if (error instanceof PreconditionFailed)
            return {
              status: 412,
              body: problem(412, 'version_mismatch', `the stream is at version ${error.actual}, not ${error.expected}`),
              problem: true,
            };
          // The pipeline retried and other writers kept winning: a conflict the client can retry, not a server fault.
          if (isWrongExpectedVersion(error))
            return {
              status: 409,
              body: problem(
                409,
                'concurrent_modification',
                `${error.streamId} kept changing under concurrent writers; retry the command`,
              ),
              problem: true,
            };
          throw error;
        }
      };

      let outcome: Outcome;
      if (scope === undefined) outcome = await run();
      else {
        const hash = requestHash(request.method, request.url, request.body);
        outcome = await lock(scope, async () => {
          const seen = await kit.idempotency.find(scope);
          if (seen) {
            if (seen.requestHash !== hash)
              return {
                status: 422,
                body: problem(422, 'idempotency_key_reused', 'this Idempotency-Key was used with a different request'),
                problem: true,
              };
            reply.header('idempotent-replayed', 'true');
            return { status: seen.statusCode, body: JSON.parse(seen.body), problem: seen.statusCode >= 400 };
          }
          const fresh = await run();
          const stored =
            shape.secretFields && !fresh.problem
              ? Object.fromEntries(
                  Object.entries(fresh.body as object).filter(([k]) => !shape.secretFields?.includes(k)),
                )
              : fresh.body;
          // Unrecorded, a retry still answers the original result: its command id finds its events in the log.
          await kit.idempotency
            .save(scope, { requestHash: hash, statusCode: fresh.status, body: JSON.stringify(stored) }, kit.now())
            .catch((error: unknown) => request.log.warn({ err: error }, 'idempotency record not saved'));
          return fresh;
        });
      }
      if (outcome.problem) return sendProblem(reply, outcome.body as Problem);
      const result = outcome.body as CommandResult;
      if (location) reply.header('location', location(result.id));
      if (outcome.behind) {
        reply.header('prm-read-models', 'behind');
        if (kit.readModelPosition) reply.header('prm-read-models-position', String(kit.readModelPosition()));
      }
      return reply.code(outcome.status).header('etag', `"${result.version}"`).send(result);
    },
  });
};
