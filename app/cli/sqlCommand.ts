import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { isAnalyticsQueryRefused, type AnalyticsRows, type AnalyticsSource } from '../../infra/sql/analyticsSource.js';
import { postgresAnalyticsSource } from '../../infra/sql/postgresAnalyticsSource.js';
import { openPostgresPool } from '../../infra/sql/postgresPool.js';
import { sqliteAnalyticsSource } from '../../infra/sql/sqliteAnalyticsSource.js';
import { csvChunks } from '../../read-api/analytics/csv.js';
import { loadConfig } from '../config.js';
import { messageOf } from '../../infra/messageOf.js';

/**
 * A statement refused or failing is the caller's mistake: one line on stderr and exit code 2, without
 * the program's help (which says nothing about SQL).
 */
const refuse = (message: string): undefined => {
  process.stderr.write(`prm sql: ${message}\n`);
  process.exitCode = 2;
  return undefined;
};

/**
 * Where the read models are: the SQLite file of PRM_DATA_DIR, opened read-only (it never creates one),
 * or in cluster mode (PRM_DATABASE_URL) PostgreSQL, its schema `analytics` first on the search path.
 */
const sourceOf = (): { source: AnalyticsSource; close: () => Promise<void> } | undefined => {
  const { databaseFile, databaseUrl } = loadConfig();
  if (databaseUrl) {
    const pool = openPostgresPool(databaseUrl, { max: 1, applicationName: 'prm sql' });
    return { source: postgresAnalyticsSource(pool), close: () => pool.end() };
  }
  if (!existsSync(databaseFile)) return refuse(`no store at ${databaseFile} (set PRM_DATA_DIR)`);
  return { source: sqliteAnalyticsSource(databaseFile), close: async () => undefined };
};

const write = (text: string) =>
  new Promise<void>((resolve) => (process.stdout.write(text) ? resolve() : process.stdout.once('drain', resolve)));

const printJson = async (rows: AnalyticsRows) => {
  let first = true;
  await write('[');
  for await (const batch of rows.batches)
    for (const row of batch) {
      const object = Object.fromEntries(rows.columns.map((c, i) => [c, row[i]]));
      await write(`${first ? '\n' : ',\n'}${JSON.stringify(object)}`);
      first = false;
    }
  await write(first ? ']\n' : '\n]\n');
};

/** An aligned table for reading in a terminal: the whole result is held to measure the columns. */
const printTable = async (rows: AnalyticsRows) => {
  const lines: string[][] = [[...rows.columns]];
  for await (const batch of rows.batches)
    for (const row of batch) lines.push(row.map((v) => (v === null || v === undefined ? 'NULL' : String(v))));
  const widths = rows.columns.map((_, i) => Math.max(...lines.map((l) => l[i].length)));
  const format = (l: string[]) =>
    l
      .map((cell, i) => cell.padEnd(widths[i]))
      .join(' | ')
      .trimEnd();
  const out = [format(lines[0]), widths.map((w) => '-'.repeat(w)).join('-+-'), ...lines.slice(1).map(format)];
  await write(`${out.join('\n')}\n(${lines.length - 1} row${lines.length === 2 ? '' : 's'})\n`);
};

/** `prm sql "<query>" [--csv|--json]`: one read-only statement against the read models and their views. */
export const registerSqlCommand = (program: Command) =>
  program
    .command('sql')
    .description(
      'run one read-only SQL query against the read models (the analytics_* views first); ' +
        'a statement that would write is refused (exit 2)',
    )
    .argument('<query>', 'one SQL statement, e.g. "SELECT * FROM analytics_channel_health"')
    .option('--csv', 'print CSV (RFC 4180) instead of a table')
    .option('--json', 'print a JSON array of row objects instead of a table')
    .action(async (query: string, options: { csv?: boolean; json?: boolean }) => {
      if (options.csv && options.json) return refuse('choose --csv or --json');
      const opened = sourceOf();
      if (!opened) return;
      let rows: AnalyticsRows;
      try {
        rows = await opened.source.query(query);
      } catch (e) {
        await opened.close();
        if (isAnalyticsQueryRefused(e)) return refuse(e.message);
        throw e;
      }
      try {
        if (options.csv) for await (const chunk of csvChunks(rows.columns, rows.batches)) await write(chunk);
        else if (options.json) await printJson(rows);
        else await printTable(rows);
      } catch (e) {
        // A failure while rows stream (an overflow, a malformed JSON argument) is the query's, too.
        refuse(messageOf(e));
      } finally {
        await rows.close();
        await opened.close();
      }
    });
