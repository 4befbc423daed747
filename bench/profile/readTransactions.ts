/**
 * `tsx bench/profile/readTransactions.ts <prm.db>`: what a statement's own read transaction costs. A
 * by-id read's seven primary-key selects on a read-only connection, each alone (SQLite opens and
 * closes a WAL read transaction around every statement: the shared-memory read lock, taken and given
 * back), against the same seven inside one BEGIN … COMMIT; mean µs per read, four rounds.
 */
import Database from 'better-sqlite3';

const [file] = process.argv.slice(2);
if (!file) throw new Error('usage: tsx bench/profile/readTransactions.ts <prm.db>');
const db = new Database(file, { readonly: true });
const ids = db.prepare('SELECT partner_id FROM partners LIMIT 500').pluck().all() as string[];
const select = db.prepare('SELECT * FROM partners WHERE partner_id = ?');
const statements = Array.from({ length: 7 }, () => select);
const [begin, commit] = [db.prepare('BEGIN'), db.prepare('COMMIT')];
const rounds = 4;

const mean = (read: (id: string) => void) => {
  const started = process.hrtime.bigint();
  for (let k = 0; k < rounds; k++) for (const id of ids) read(id);
  return Number(process.hrtime.bigint() - started) / 1000 / (rounds * ids.length);
};
for (let r = 0; r < 4; r++) {
  const alone = mean((id) => {
    for (const s of statements) s.all(id);
  });
  const together = mean((id) => {
    begin.run();
    for (const s of statements) s.all(id);
    commit.run();
  });
  console.log(`7 selects: each alone ${alone.toFixed(1)} µs, in one read transaction ${together.toFixed(1)} µs`);
}
db.close();
