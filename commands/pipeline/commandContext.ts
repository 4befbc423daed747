import type { Either } from 'fp-ts/lib/Either.js';
import type { DomainError } from '../../domain/shared/index.js';
import type { Actor } from '../../eventstore/port.js';

/** Everything a command carries besides its data: who, why, and under which expectations. */
export interface CommandContext {
  readonly actor: Actor;
  readonly commandId: string;
  readonly correlationId: string;
  readonly causationId?: string;
  readonly idempotencyKey?: string;
  /** From `If-Match`: the version the command's main stream must be at, else 412. */
  readonly expectedVersion?: number;
  /** The stream `expectedVersion` refers to, when the route knows it up front: checked on load, before deciding. */
  readonly expectedStreamId?: string;
}

/** What a successful command answers (DESIGN §6). */
export interface CommandResult {
  readonly id: string;
  readonly streamId: string;
  readonly version: number;
  readonly position: number;
}

/** What every command function answers: a refusal, or where its events landed. */
export type CommandOutcome<R extends CommandResult = CommandResult> = Promise<Either<DomainError, R>>;

/** Thrown when `If-Match` names a version the stream has moved past. */
export class PreconditionFailed extends Error {
  override readonly name = 'PreconditionFailed';
  constructor(
    readonly streamId: string,
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`stream ${streamId} is at version ${actual}, If-Match expected ${expected}`);
  }
}
