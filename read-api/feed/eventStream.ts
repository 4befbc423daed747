import type { IncomingMessage, ServerResponse } from 'node:http';
import { eventEnvelope } from '../../eventstore/eventEnvelope.js';
import type { EventStore, StoredEvent } from '../../eventstore/port.js';
import type { LogTail } from '../../infra/follow/logTail.js';

const PAGE = 500;

/**
 * Writes the log after `after` as Server-Sent Events until the client goes away: `id:` is the
 * position (so `Last-Event-ID` resumes right after the last event received: each event once, in
 * order), `data:` the envelope; a comment line every `heartbeatMs` keeps the connection open. A slow
 * reader is waited for (the socket's buffer is never let grow).
 */
export const streamEvents = async (
  request: IncomingMessage,
  response: ServerResponse,
  options: {
    store: EventStore;
    tail: LogTail;
    after: number;
    types?: readonly string[];
    /** Ends the stream once past this position. */
    until?: number;
    heartbeatMs: number;
    /** The server is closing: end the stream (the client reconnects elsewhere with Last-Event-ID). */
    shutdown: AbortSignal;
  },
) => {
  const { store, tail } = options;
  const closed = new AbortController();
  const close = () => closed.abort();
  request.once('close', close);
  response.once('close', close);
  options.shutdown.addEventListener('abort', close, { once: true });
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  const write = async (text: string) => {
    if (closed.signal.aborted) return;
    if (!response.write(text))
      await new Promise<void>((resolve) => {
        const done = () => {
          response.off('drain', done);
          closed.signal.removeEventListener('abort', done);
          resolve();
        };
        response.once('drain', done);
        closed.signal.addEventListener('abort', done, { once: true });
      });
  };
  const heartbeat = setInterval(() => void write(': heartbeat\n\n'), options.heartbeatMs);
  let position = options.after;
  try {
    await write('retry: 2000\n\n');
    const until = options.until ?? Number.POSITIVE_INFINITY;
    while (!closed.signal.aborted && position < until) {
      const head = await store.headPosition();
      const batch: StoredEvent[] = [];
      const filter = options.types ? { filter: { types: options.types } } : {};
      for await (const e of store.readAll({ after: position, limit: PAGE, ...filter }))
        if (e.position <= until) batch.push(e);
      for (const e of batch) {
        if (closed.signal.aborted) break;
        await write(`id: ${e.position}\ndata: ${JSON.stringify(eventEnvelope(e))}\n\n`);
        position = e.position;
      }
      if (batch.length === PAGE) continue;
      // Nothing else matches up to head: wait beyond it rather than rescan the same stretch.
      position = Math.max(position, Math.min(head, until));
      if (position >= until) break;
      await tail.waitBeyond(head, 60_000, closed.signal);
    }
  } finally {
    clearInterval(heartbeat);
    request.off('close', close);
    options.shutdown.removeEventListener('abort', close);
    if (!response.writableEnded) response.end();
  }
};
