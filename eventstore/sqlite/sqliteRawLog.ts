import type { Database } from 'better-sqlite3';
import type { RawEvent, RawLogSource } from '../verifyReport.js';
import type { EventRow } from './eventRow.js';
import { prepareSelectAllEvents } from './selectAllEvents.js';
import { prepareSelectHead } from './selectHead.js';
import { prepareSelectStreamIndexPage } from './selectStreamIndexPage.js';

const PAGE = 1000;
/**
 * Reads are synchronous: between pages, let the server answer other requests (a verify of a large log
 * takes seconds).
 */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

export const rowToRaw = (r: EventRow): RawEvent => ({
  position: r.position,
  streamId: r.stream_id,
  version: r.version,
  eventId: r.event_id,
  type: r.type,
  schemaVersion: r.schema_version,
  data: r.data,
  metadata: r.metadata,
  recordedAt: r.recorded_at,
  hash: r.hash,
});

/** The stored log, page by page, exactly as stored (no upcasting), over a connection (ideally a snapshot). */
export const sqliteRawLog = (db: Database): RawLogSource => {
  const selectAll = prepareSelectAllEvents(db);
  const selectHead = prepareSelectHead(db);
  const selectIndex = prepareSelectStreamIndexPage(db);
  return {
    head: async () => selectHead(),
    events: async function* (after) {
      for (;;) {
        const rows = selectAll(after, PAGE);
        for (const row of rows) yield rowToRaw(row);
        if (rows.length < PAGE) return;
        after = rows[rows.length - 1].position;
        await breathe();
      }
    },
    streamIndex: async function* () {
      let stream = '';
      let version = 0;
      for (;;) {
        const rows = selectIndex(stream, version, PAGE);
        for (const r of rows) yield { streamId: r.stream_id, version: r.version, position: r.position };
        if (rows.length < PAGE) return;
        ({ stream_id: stream, version } = rows[rows.length - 1]);
        await breathe();
      }
    },
  };
};
