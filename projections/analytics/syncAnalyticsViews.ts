import type Database from 'better-sqlite3';
import type { AnalyticsView } from './analyticsView.js';
import { analyticsViewDdl, analyticsViewVersions } from './analyticsViews.js';

/**
 * The analytics views of a SQLite file, made to match the declarations. Views hold no data, so they are
 * derived from the declarations at every start rather than frozen in numbered migrations: they follow
 * the read models' tables as they are now and cannot drift from what the README documents. Nothing is
 * written when they already match (a server and CLI commands start side by side); otherwise every
 * `analytics_*` view is dropped and created again in one transaction, which also removes versions whose
 * deprecation period ended.
 */
const existing = (db: Database.Database) =>
  db
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'view' AND name LIKE 'analytics\\_%' ESCAPE '\\'`)
    .all() as { name: string; sql: string }[];

const matches = (db: Database.Database, wanted: ReturnType<typeof analyticsViewDdl>) => {
  const have = new Map(existing(db).map((v) => [v.name, v.sql]));
  return have.size === wanted.length && wanted.every((v) => have.get(v.name) === v.sql);
};

/** Drops every analytics view: before migrations change the tables under them (SQLite checks views on ALTER). */
export const dropAnalyticsViews = (db: Database.Database) =>
  db
    .transaction(() => {
      for (const v of existing(db)) db.exec(`DROP VIEW IF EXISTS "${v.name}"`);
    })
    .immediate();

/** Creates or recreates the views (every declared version by default); answers whether anything changed. */
export const syncAnalyticsViews = (
  db: Database.Database,
  versions: readonly AnalyticsView[] = analyticsViewVersions,
): boolean => {
  const wanted = analyticsViewDdl('sqlite', { versions });
  if (matches(db, wanted)) return false;
  return db
    .transaction(() => {
      // Another process may have done it meanwhile: look again under the write lock.
      if (matches(db, wanted)) return false;
      for (const v of existing(db)) db.exec(`DROP VIEW IF EXISTS "${v.name}"`);
      for (const v of wanted) db.exec(v.sql);
      return true;
    })
    .immediate();
};
