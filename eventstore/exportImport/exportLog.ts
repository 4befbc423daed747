import type { RawLogSource } from '../verifyReport.js';
import { toNdjsonLine } from './ndjsonEnvelope.js';

/**
 * The log after `after` as NDJSON lines (one stored envelope each, newline-terminated), read page by
 * page: memory stays constant however large the log.
 */
export async function* exportLines(
  source: RawLogSource,
  options: { after?: number; onProgress?: (position: number) => void } = {},
): AsyncIterable<string> {
  let n = 0;
  for await (const event of source.events(options.after ?? 0)) {
    yield `${toNdjsonLine(event)}\n`;
    n += 1;
    if (n % 1000 === 0) options.onProgress?.(event.position);
  }
}
