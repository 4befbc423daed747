import Database from 'better-sqlite3';

/**
 * A read-only connection of its own holding one read transaction: everything read through it sees
 * the log as it was when the first statement ran (a WAL snapshot), however long the reading takes,
 * while appends carry on. Long reads (verify, export) use one, never the shared query connection.
 */
export const openSnapshot = (path: string) => {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 10000');
  db.exec('BEGIN');
  let closed = false;
  return {
    db,
    close: () => {
      if (closed) return;
      closed = true;
      if (db.inTransaction) db.exec('COMMIT');
      db.close();
    },
  };
};
export type Snapshot = ReturnType<typeof openSnapshot>;
