import { hashAt, parseRaw } from './verifyLink.js';
import type { ChainPoint, RawEvent, VerifyProblem } from './verifyReport.js';

/**
 * Names what happened at the first event that does not link onto the verified chain. Every stored
 * hash commits to its event's original position and predecessor, so an event that was moved still
 * proves where it came from: the classifier looks for those proofs in a small window around the
 * break (`trail`: the last verified points, oldest first, ending with the predecessor; `ahead`: the
 * rows after the broken one). A rewritten hash cannot be told apart from a change to the next event.
 */
export const classifyBreak = (
  broken: RawEvent,
  trail: readonly ChainPoint[],
  ahead: readonly RawEvent[],
): VerifyProblem => {
  const p = broken.position;
  const prev = trail[trail.length - 1];
  const at = (position: number, kind: VerifyProblem['kind'], detail: string): VerifyProblem => ({
    position,
    kind,
    detail,
    streamId: broken.streamId,
    eventId: broken.eventId,
  });
  const self = parseRaw(broken);

  // The broken event is an original one pushed later: everything between its true predecessor and it was inserted.
  if (self) {
    for (let i = trail.length - 2; i >= 0; i--) {
      const b = trail[i];
      if (hashAt(b.hash, self, b.position + 1) === broken.hash)
        return at(
          b.position + 1,
          'inserted',
          `${p - b.position - 1} event(s) were inserted at position ${b.position + 1}; ` +
            `the event now at ${p} was written at ${b.position + 1}`,
        );
    }
  }

  // The original event of position p sits further on: what is at p was inserted, or moved from later.
  for (const x of ahead) {
    const moved = parseRaw(x);
    if (!moved || hashAt(prev.hash, moved, p) !== x.hash) continue;
    const positions = Array.from({ length: ahead.length + 1 }, (_, i) => p + 1 + i);
    const original =
      self !== undefined && ahead.some((y) => positions.some((q) => hashAt(y.hash, self, q) === broken.hash));
    return original
      ? at(
          p,
          'reordered',
          `the event written at position ${p} is now at ${x.position}; the event at ${p} was written later`,
        )
      : at(
          p,
          'inserted',
          `the event at position ${p} is not part of the chain; the event written at ${p} is now at ${x.position}`,
        );
  }

  const next = ahead[0];
  const successor = next ? parseRaw(next) : undefined;
  if (next && successor) {
    // Its successor still links onto its stored hash: the event itself was changed in place.
    if (hashAt(broken.hash, successor, next.position) === next.hash)
      return at(
        p,
        'modified',
        `the event at position ${p} was changed after it was written (its hash no longer matches its content)`,
      );
    // Its successor links onto it from a later position: events were removed here and the rest renumbered.
    for (let k = 1; k <= ahead.length + 64; k++) {
      if (hashAt(broken.hash, successor, next.position + k) === next.hash)
        return at(p, 'deleted', `${k} event(s) were removed at position ${p} and the later events renumbered`);
    }
  }
  return at(
    p,
    'modified',
    `the event at position ${p} does not match the chain: changed, or replaced or appended with a forged hash`,
  );
};
