import type { SqlEventRow } from '../eventRow.js';

/** An `events` row as SQLite returns it (the audit routes and tests read the table directly too). */
export type EventRow = SqlEventRow<number>;
