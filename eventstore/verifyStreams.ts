import type { RawLogSource, VerifyProblem } from './verifyReport.js';

/**
 * Pass 2 of verification: walks the (stream, version) index and checks that every stream's versions
 * run 1, 2, 3… without gaps and in position order. The chain already covers each event's version;
 * this pass catches a log whose chain was recomputed after events were removed or moved.
 * Answers the problem with the lowest position, if any.
 */
export const verifyStreams = async (
  source: RawLogSource,
  onProgress?: (seen: number) => void,
): Promise<VerifyProblem | undefined> => {
  let first: VerifyProblem | undefined;
  const consider = (problem: VerifyProblem) => {
    if (!first || problem.position < first.position) first = problem;
  };
  let stream: string | undefined;
  let version = 0;
  let position = 0;
  let seen = 0;
  for await (const e of source.streamIndex()) {
    if (e.streamId !== stream) {
      if (e.version !== 1)
        consider({
          position: e.position,
          kind: 'deleted',
          streamId: e.streamId,
          detail: `stream ${e.streamId} starts at version ${e.version}: versions 1..${e.version - 1} are missing`,
        });
    } else {
      if (e.version !== version + 1)
        consider({
          position: e.position,
          kind: 'deleted',
          streamId: e.streamId,
          detail: `stream ${e.streamId} jumps from version ${version} to ${e.version}`,
        });
      if (e.position < position)
        consider({
          position: e.position,
          kind: 'reordered',
          streamId: e.streamId,
          detail:
            `version ${e.version} of stream ${e.streamId} is at position ${e.position}, ` +
            `before version ${version} at ${position}`,
        });
    }
    stream = e.streamId;
    version = e.version;
    position = e.position;
    seen += 1;
    if (seen % 1000 === 0) onProgress?.(seen);
  }
  return first;
};
