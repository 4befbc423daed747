/**
 * Channel settings on the read-only connection: the last answer serves until another connection
 * commits, then the stored change shows at once; the answer is frozen, so no route can alter it for
 * the next. On a connection that writes (no change counter) every read goes to the table.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { defaultChannelSettings } from '../../../domain/channel/index.js';
import { sqliteStatements } from '../../../infra/sql/sqliteSqlDb.js';
import { readChannelSettings } from '../../../read-api/channel/readChannelSettings.js';

const test = suite('readChannelSettings');

const store = () => {
  const dir = mkdtempSync(join(tmpdir(), 'prm-settings-'));
  const file = join(dir, 'prm.db');
  const writer = new Database(file);
  writer.pragma('journal_mode = WAL');
  writer.exec('CREATE TABLE channel_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
  const reader = new Database(file, { readonly: true });
  const set = (key: string, value: unknown) =>
    writer
      .prepare('INSERT INTO channel_settings VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
      .run(key, JSON.stringify(value));
  return {
    writer,
    reader,
    set,
    close: () => {
      reader.close();
      writer.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

test('the same answer serves until another connection commits, then the change shows', async () => {
  const s = store();
  try {
    const db = sqliteStatements(s.reader);
    const first = await readChannelSettings(db);
    assert.is(first.leadAcceptHours, defaultChannelSettings.leadAcceptHours);
    assert.is(await readChannelSettings(db), first, 'nothing written: the cached answer');
    s.set('leadAcceptHours', 12);
    const second = await readChannelSettings(db);
    assert.is.not(second, first);
    assert.is(second.leadAcceptHours, 12);
    s.set('leadAcceptHours', 24);
    assert.is((await readChannelSettings(db)).leadAcceptHours, 24);
  } finally {
    s.close();
  }
});

test('the answer is frozen, nested criteria included', async () => {
  const s = store();
  try {
    const settings = await readChannelSettings(sqliteStatements(s.reader));
    assert.ok(Object.isFrozen(settings));
    assert.ok(Object.isFrozen(settings.tierCriteria));
    assert.throws(() => {
      (settings as { leadAcceptHours: number }).leadAcceptHours = 1;
    });
  } finally {
    s.close();
  }
});

test('a connection that writes has no change counter and reads the table every time', async () => {
  const s = store();
  try {
    const db = sqliteStatements(s.writer);
    assert.is(db.changeCounter, undefined);
    const first = await readChannelSettings(db);
    s.set('leadAcceptHours', 6);
    const second = await readChannelSettings(db);
    assert.is.not(second, first);
    assert.is(second.leadAcceptHours, 6);
  } finally {
    s.close();
  }
});

test.run();
