import type { z } from 'zod';
import type { DomainEvent } from './decider.js';

/** One event type: its name, current schema version and the zod schema of its body. */
export interface EventDefinition<T extends string = string, S extends z.ZodType = z.ZodType> {
  readonly type: T;
  readonly schemaVersion: number;
  readonly data: S;
  readonly create: (data: z.infer<S>) => DomainEvent<T, z.infer<S>>;
}

export const defineEvent = <T extends string, S extends z.ZodType>(
  type: T,
  data: S,
  schemaVersion = 1,
): EventDefinition<T, S> => ({
  type,
  schemaVersion,
  data,
  create: (body) => ({ type, data: body }),
});

/** The discriminated union of events described by a list of definitions. */
export type EventOf<Defs extends readonly EventDefinition[]> = {
  [K in keyof Defs]: Defs[K] extends EventDefinition<infer T, infer S> ? DomainEvent<T, z.infer<S>> : never;
}[number];
