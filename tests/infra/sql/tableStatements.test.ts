/**
 * The typed statement layer: an update that answers what it left (one statement where a delete tried
 * first, then an update, took two), and its prepared statements told apart by the columns returned.
 */
import Database from 'better-sqlite3';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { sqliteStatements } from '../../../infra/sql/sqliteSqlDb.js';
import { tableStatements } from '../../../infra/sql/tableStatements.js';
import { integer, table, tablesOf, text } from '../../../infra/sql/tables.js';

const tables = tablesOf(table('totals', { region: text(), deals: integer(), value: integer() }, ['region']));
const fresh = () => {
  const raw = new Database(':memory:');
  raw.exec('CREATE TABLE totals (region TEXT PRIMARY KEY, deals INTEGER NOT NULL, value INTEGER NOT NULL)');
  raw.exec("INSERT INTO totals VALUES ('emea', 2, 300), ('apac', 1, 50)");
  return { raw, db: tableStatements(sqliteStatements(raw), tables) };
};

const test = suite('table statements');

test('updateReturning changes the row and answers the columns asked for, as they are after the change', async () => {
  const { raw, db } = fresh();
  const left = await db.updateReturning('totals', { region: 'emea' }, { add: { deals: -1, value: -100 } }, ['deals']);
  assert.equal(left, { deals: 1 });
  const both = await db.updateReturning('totals', { region: 'emea' }, { add: { deals: -1 } }, ['deals', 'value']);
  assert.equal(both, { deals: 0, value: 200 });
  assert.equal(raw.prepare("SELECT deals, value FROM totals WHERE region = 'emea'").get(), { deals: 0, value: 200 });
  assert.equal(raw.prepare("SELECT deals FROM totals WHERE region = 'apac'").get(), { deals: 1 });
});

test('updateReturning answers undefined when no row matches, and changes nothing', async () => {
  const { raw, db } = fresh();
  const none = await db.updateReturning('totals', { region: 'amer' }, { set: { value: 9 } }, ['deals']);
  assert.is(none, undefined);
  assert.equal(raw.prepare('SELECT SUM(value) AS total FROM totals').get(), { total: 350 });
});

test.run();
