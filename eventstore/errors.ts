import type { ExpectedVersion } from './port.js';

/** The stream was not at the version the writer expected: someone else wrote first. */
export class WrongExpectedVersion extends Error {
  override readonly name = 'WrongExpectedVersion';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    readonly actual: number,
  ) {
    super(`stream ${streamId} is at version ${actual}, expected ${String(expected)}`);
  }
}

/** An event body failed its schema on append. */
export class InvalidEvent extends Error {
  override readonly name = 'InvalidEvent';
  constructor(
    readonly eventType: string,
    readonly issues: readonly string[],
  ) {
    super(`invalid ${eventType}: ${issues.join('; ')}`);
  }
}

/** An event id was reused for a different stream or a different batch. */
export class EventIdConflict extends Error {
  override readonly name = 'EventIdConflict';
  constructor(readonly eventId: string) {
    super(`event id ${eventId} already exists elsewhere in the log`);
  }
}

export const isWrongExpectedVersion = (e: unknown): e is WrongExpectedVersion => e instanceof WrongExpectedVersion;

/** Decides whether a stream at `actual` satisfies the expectation; shared by every adapter. */
export const checkExpectedVersion = (streamId: string, expected: ExpectedVersion, actual: number): void => {
  const ok =
    expected === 'any' ||
    (expected === 'no_stream' && actual === 0) ||
    (expected === 'stream_exists' && actual > 0) ||
    expected === actual;
  if (!ok) throw new WrongExpectedVersion(streamId, expected, actual);
};
