import type { IncomingMessage } from 'node:http';

export interface DrainLimits {
  readonly bytes: number;
  readonly ms: number;
}

/** Enough for any upload a client might try in earnest; beyond it the connection is cut. */
const defaults: DrainLimits = { bytes: 256 * 1024 * 1024, ms: 30_000 };

/**
 * Reads and discards what is left of a request's body, up to a number of bytes and a time. An
 * answer sent while the client is still uploading, followed by a closed socket, reaches most clients
 * as a reset (EPIPE, ECONNRESET) instead of the answer: once the body is read, the answer is read too.
 * Resolves true when the body was read to its end, false when a limit cut it short (close then).
 */
export const drainRequest = (raw: IncomingMessage, limits: DrainLimits = defaults) =>
  new Promise<boolean>((resolve) => {
    if (raw.complete || raw.readableEnded) return resolve(true);
    if (raw.destroyed) return resolve(false);
    let seen = 0;
    const finish = (read: boolean) => {
      clearTimeout(timer);
      raw.off('data', onData).off('end', ended).off('error', failed).off('close', failed);
      resolve(read);
    };
    const ended = () => finish(true);
    const failed = () => finish(false);
    const onData = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > limits.bytes) finish(false);
    };
    const timer = setTimeout(failed, limits.ms);
    timer.unref();
    raw.on('data', onData).on('end', ended).on('error', failed).on('close', failed);
    raw.resume();
  });
