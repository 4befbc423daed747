import { GENESIS_HASH } from './hashChain.js';
import { classifyBreak } from './verifyClassify.js';
import { linksOnto } from './verifyLink.js';
import type { Anchor, ChainPoint, RawEvent, RawLogSource, VerifyProblem } from './verifyReport.js';

/** How many rows around a break the classifier looks at; bounded, so memory stays constant. */
export const VERIFY_WINDOW = 32;

export interface ChainCheck {
  readonly checked: number;
  /** The last point of the verified chain. */
  readonly last: ChainPoint;
  readonly problem?: VerifyProblem;
}

export interface ChainCheckOptions {
  /** Where the chain starts: the genesis hash at position 0 by default. */
  readonly start?: ChainPoint;
  readonly anchor?: Anchor;
  readonly onProgress?: (checked: number) => void;
}

/**
 * Pass 1 of verification: walks the log in position order, checks that positions are gap-free and
 * that every stored hash is sha-256(previous hash + canonical JSON of the stored event).
 */
export const verifyChain = async (source: RawLogSource, options: ChainCheckOptions = {}): Promise<ChainCheck> => {
  const start = options.start ?? { position: 0, hash: GENESIS_HASH };
  const trail: ChainPoint[] = [start];
  let checked = 0;
  const iterator = source.events(start.position)[Symbol.asyncIterator]();
  const finish = async (problem?: VerifyProblem): Promise<ChainCheck> => {
    await iterator.return?.();
    return { checked, last: trail[trail.length - 1], ...(problem ? { problem } : {}) };
  };
  for (;;) {
    const next = await iterator.next();
    if (next.done) return finish();
    const row: RawEvent = next.value;
    const prev = trail[trail.length - 1];
    if (row.position !== prev.position + 1) {
      const missing = row.position - prev.position - 1;
      return finish({
        position: prev.position + 1,
        kind: 'deleted',
        detail: `${missing} event(s) are missing: positions ${prev.position + 1}..${row.position - 1}`,
      });
    }
    if (!linksOnto(prev.hash, row)) {
      const ahead: RawEvent[] = [];
      while (ahead.length < VERIFY_WINDOW) {
        const more = await iterator.next();
        if (more.done) break;
        ahead.push(more.value);
      }
      return finish(classifyBreak(row, trail, ahead));
    }
    if (options.anchor && row.position === options.anchor.position && row.hash !== options.anchor.hash) {
      return finish({
        position: row.position,
        kind: 'modified',
        streamId: row.streamId,
        eventId: row.eventId,
        detail:
          `the chain up to position ${row.position} was rewritten: its hash is ${row.hash}, ` +
          `the anchor recorded ${options.anchor.hash}; the change is at or before this position`,
      });
    }
    trail.push({ position: row.position, hash: row.hash });
    if (trail.length > VERIFY_WINDOW + 1) trail.shift();
    checked += 1;
    if (checked % 1000 === 0) options.onProgress?.(checked);
  }
};
