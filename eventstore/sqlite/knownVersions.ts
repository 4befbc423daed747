import type { ChainHead } from '../hashChain.js';

/** Streams remembered at most; past it, everything is forgotten (one probe each brings them back). */
const CAPACITY = 100_000;

export interface KnownVersions {
  /** Opens a write transaction at `head`, read inside it: anyone else's append since forgets everything. */
  readonly begin: (head: ChainHead) => void;
  /** The stream's version inside the transaction, remembered if it had to be read. */
  readonly versionOf: (streamId: string) => number;
  /** The stream's version if known without reading (a new stream's append may assume none). */
  readonly known: (streamId: string) => number | undefined;
  /** This transaction stored the stream's events up to `version`. */
  readonly wrote: (streamId: string, version: number) => void;
  /** The transaction committed, leaving the log at `head`: what it learned holds from now on. */
  readonly committed: (head: ChainHead) => void;
  /** The transaction rolled back: what it learned is forgotten. */
  readonly rolledBack: () => void;
}

/**
 * Stream versions the log's own appends established, to judge the next appends without an index probe
 * per stream (the probes were a twentieth of a command's thread). They are exact while the log's
 * head is where the last commit left it: the log only grows, so a head moved by anyone else (another
 * process, an import on another connection) means something may have changed and all is forgotten.
 * The head is read inside every write transaction anyway, for the hash chain.
 */
export const knownVersions = (probe: (streamId: string) => number): KnownVersions => {
  let at: ChainHead | undefined;
  let exact = new Map<string, number>();
  /** Learned in the open transaction: kept only if it commits. */
  const pending = new Map<string, number>();
  return {
    begin: (head) => {
      pending.clear();
      if (at?.position === head.position && at.hash === head.hash) return;
      exact = new Map();
      at = head;
    },
    versionOf: (streamId) => {
      const known = pending.get(streamId) ?? exact.get(streamId);
      if (known !== undefined) return known;
      const version = probe(streamId);
      pending.set(streamId, version);
      return version;
    },
    known: (streamId) => pending.get(streamId) ?? exact.get(streamId),
    wrote: (streamId, version) => {
      pending.set(streamId, version);
    },
    committed: (head) => {
      if (exact.size + pending.size > CAPACITY) exact = new Map();
      for (const [streamId, version] of pending) exact.set(streamId, version);
      pending.clear();
      at = head;
    },
    rolledBack: () => pending.clear(),
  };
};
