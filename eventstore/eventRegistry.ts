import type { z } from 'zod';
import { InvalidEvent } from './errors.js';
import type { StoredEvent } from './port.js';

export interface EventSchema {
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: z.ZodType;
}

/** Brings the body of `type` at `fromVersion` to `fromVersion + 1`. */
export interface Upcaster {
  readonly type: string;
  readonly fromVersion: number;
  readonly upcast: (data: unknown, event: StoredEvent) => unknown;
}

/** Throws InvalidEvent when a body does not match its type's schema. */
export type ValidateEvent = (type: string, schemaVersion: number, data: unknown) => void;

export interface EventRegistry {
  readonly currentVersion: (type: string) => number;
  /** Throws InvalidEvent for an unknown type, a stale schema version or a body its schema refuses. */
  readonly validate: ValidateEvent;
  /** Applies upcasters until the event is at its type's current schema version. */
  readonly upcast: (event: StoredEvent) => StoredEvent;
}

export const createEventRegistry = (
  schemas: readonly EventSchema[],
  upcasters: readonly Upcaster[] = [],
): EventRegistry => {
  const byType = new Map(schemas.map((s) => [s.type, s]));
  const steps = new Map(upcasters.map((u) => [`${u.type}@${u.fromVersion}`, u]));
  const currentVersion = (type: string) => byType.get(type)?.schemaVersion ?? 1;
  return {
    currentVersion,
    validate: (type, schemaVersion, data) => {
      const schema = byType.get(type);
      if (!schema) throw new InvalidEvent(type, ['unknown event type']);
      if (schemaVersion !== schema.schemaVersion)
        throw new InvalidEvent(type, [`schema version ${schemaVersion} is not the current ${schema.schemaVersion}`]);
      const parsed = schema.data.safeParse(data);
      if (!parsed.success)
        throw new InvalidEvent(
          type,
          parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
        );
    },
    upcast: (event) => {
      const target = currentVersion(event.type);
      let current = event;
      while (current.schemaVersion < target) {
        const step = steps.get(`${current.type}@${current.schemaVersion}`);
        if (!step) throw new Error(`no upcaster for ${current.type} from schema version ${current.schemaVersion}`);
        current = { ...current, data: step.upcast(current.data, current), schemaVersion: current.schemaVersion + 1 };
      }
      return current;
    },
  };
};
