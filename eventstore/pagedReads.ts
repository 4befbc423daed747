import type { ReadAllOptions, ReadStreamOptions, StoredEvent } from './port.js';

/** Rows per query of the SQL adapters' reads. */
export const PAGE = 500;

type Rows<R> = readonly R[] | Promise<readonly R[]>;
const isPromise = <R>(rows: Rows<R>): rows is Promise<readonly R[]> => !Array.isArray(rows);

/** readStream over pages of rows between two versions (inclusive), in either direction. */
export async function* pagedStream<R>(
  page: (from: number, to: number, direction: 'forwards' | 'backwards', limit: number) => Rows<R>,
  options: ReadStreamOptions,
  toEvent: (row: R) => StoredEvent,
): AsyncIterable<StoredEvent> {
  const direction = options.direction ?? 'forwards';
  let from = options.from ?? (direction === 'forwards' ? 1 : Number.MAX_SAFE_INTEGER);
  const to = options.to ?? (direction === 'forwards' ? Number.MAX_SAFE_INTEGER : 1);
  for (;;) {
    const got = page(from, to, direction, PAGE);
    // SQLite pages are synchronous: awaiting them anyway would add a microtask per page and change how
    // concurrent readers (the commands of one seed round loading their streams) interleave.
    const rows = isPromise(got) ? await got : got;
    let last = from;
    for (const row of rows) {
      const event = toEvent(row);
      last = event.version;
      yield event;
    }
    if (rows.length < PAGE) return;
    from = direction === 'forwards' ? last + 1 : last - 1;
  }
}

/** readAll over pages of rows after a position, up to the options' limit (the filter is the page's business). */
export async function* pagedLog<R>(
  page: (after: number, limit: number) => Rows<R>,
  options: ReadAllOptions,
  toEvent: (row: R) => StoredEvent,
): AsyncIterable<StoredEvent> {
  let after = options.after ?? 0;
  let remaining = options.limit ?? Number.POSITIVE_INFINITY;
  while (remaining > 0) {
    const limit = Math.min(PAGE, remaining);
    const got = page(after, limit);
    const rows = isPromise(got) ? await got : got;
    for (const row of rows) {
      const event = toEvent(row);
      after = event.position;
      yield event;
    }
    if (rows.length < limit) return;
    remaining -= rows.length;
  }
}
