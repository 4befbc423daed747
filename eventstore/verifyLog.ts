import { verifyChain } from './verifyChain.js';
import { verifyStreams } from './verifyStreams.js';
import type { Anchor, RawLogSource, VerifyProblem, VerifyReport } from './verifyReport.js';

export interface VerifyOptions {
  /** A (position, hash) recorded earlier elsewhere: detects a truncated or wholly rewritten chain. */
  readonly anchor?: Anchor;
  /** Called now and then with (work done, total work); the total counts both passes. */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Verifies the whole log from one snapshot, in constant memory: the hash chain and gap-free positions
 * (pass 1), then consecutive versions per stream (pass 2). Names the first position where an event
 * was modified, deleted, inserted or reordered.
 */
export const verifyLog = async (source: RawLogSource, options: VerifyOptions = {}): Promise<VerifyReport> => {
  const head = await source.head();
  const total = head.position * 2;
  const chain = await verifyChain(source, {
    anchor: options.anchor,
    onProgress: (n) => options.onProgress?.(n, total),
  });
  const streams = await verifyStreams(source, (n) => options.onProgress?.(head.position + n, total));
  options.onProgress?.(total, total);

  let problem: VerifyProblem | undefined = chain.problem;
  if (streams && (!problem || streams.position < problem.position)) problem = streams;
  const { anchor } = options;
  if (!problem && anchor && anchor.position > head.position)
    problem = {
      position: head.position + 1,
      kind: 'deleted',
      detail:
        `the log ends at position ${head.position}, but an anchor recorded position ${anchor.position}: ` +
        `events ${head.position + 1}..${anchor.position} were removed`,
    };
  return {
    ok: problem === undefined,
    checkedEvents: chain.checked,
    headPosition: head.position,
    headHash: head.hash,
    ...(problem ? { problem } : {}),
  };
};
