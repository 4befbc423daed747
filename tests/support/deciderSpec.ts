/**
 * Given / when / then for deciders, so that a test reads as the rule it checks:
 *
 *   spec(partnerDecider)
 *     .given([PartnerApplied.create({ ... })])
 *     .when({ type: 'ApprovePartner', data: { tier: 'silver' } })
 *     .thenEmits([PartnerApproved.create({ tier: 'silver' })]);
 *
 *   spec(partnerDecider).given([]).when({ type: 'SuspendPartner', data: { reason: 'x' } }).thenFails('not_found');
 *
 * `thenEmits` also checks every produced event against its zod schema (the one the event store
 * validates with on append), and returns the state after the events for further assertions.
 * Not `then`: the object returned by `when` would be a thenable, which `await` would call.
 */
import { isLeft, isRight } from 'fp-ts/lib/Either.js';
import * as assert from 'uvu/assert';
import { eventDefinitions } from '../../domain/index.js';
import {
  replay,
  type Decider,
  type DomainCommand,
  type DomainError,
  type DomainErrorCode,
  type DomainEvent,
} from '../../domain/shared/index.js';

/** The instant every spec runs at unless it says otherwise. */
export const SPEC_NOW = new Date('2026-03-15T12:00:00.000Z');

const schemaOf = new Map(eventDefinitions.map((d) => [d.type, d.data]));

const describe = (error: DomainError) => `${error.code}: ${error.message}`;
const fail = (message: string): never => {
  assert.unreachable(message);
  throw new Error(message);
};

/** Fails when an event does not pass its own schema (the one the event store validates with on append). */
export const assertValidEvents = (events: readonly DomainEvent[]) => {
  for (const event of events) {
    const schema = schemaOf.get(event.type);
    if (!schema) continue;
    const parsed = schema.safeParse(event.data);
    if (!parsed.success)
      fail(
        `the decider produced a ${event.type} its own schema ` +
          `refuses: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
      );
  }
};

export interface Outcome<Ev extends DomainEvent, S> {
  /** Asserts the decider accepted the command with exactly these events; returns the state after them. */
  readonly thenEmits: (expected: readonly Ev[]) => S;
  /** Asserts the decider refused with this code (and a message containing `fragment`); returns the error. */
  readonly thenFails: (code: DomainErrorCode, fragment?: string) => DomainError;
}

export const spec = <C extends DomainCommand, Ev extends DomainEvent, S>(decider: Decider<C, Ev, S>) => ({
  given: (history: readonly Ev[]) => ({
    when: (command: C, now: Date | string = SPEC_NOW): Outcome<Ev, S> => {
      const before = replay(decider, history);
      const decision = decider.decide(command, before, new Date(now));
      return {
        thenEmits: (expected) => {
          if (isLeft(decision))
            return fail(`expected ${command.type} to be accepted, but it was refused (${describe(decision.left)})`);
          assert.equal(decision.right, expected, `events produced by ${command.type}`);
          assertValidEvents(decision.right);
          return replay({ initialState: before, evolve: decider.evolve }, decision.right);
        },
        thenFails: (code, fragment) => {
          if (isRight(decision))
            return fail(
              `expected ${command.type} to be refused with ${code}, but it produced ${JSON.stringify(decision.right)}`,
            );
          assert.is(decision.left.code, code, `refusal code of ${command.type} (${describe(decision.left)})`);
          if (fragment !== undefined) assert.match(decision.left.message, fragment);
          return decision.left;
        },
      };
    },
  }),
});
