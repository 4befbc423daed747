import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../../app/buildApp.js';
import { timeOrderedIds } from '../../../app/timeOrderedIds.js';
import { createPlatform } from '../../../app/platform.js';
import { manualClock } from '../../../domain/shared/clock.js';
import { openSqlite } from '../../../eventstore/sqlite/openSqlite.js';
import { signToken } from '../../../http/jwt.js';
import { ADMIN_KEY, JWT_SECRET } from '../../support/testApp.js';

/** A temp directory removed by `dispose`. */
export const tempDir = (label: string) => {
  const dir = mkdtempSync(join(tmpdir(), `prm-${label}-`));
  return { dir, file: (name: string) => join(dir, name), dispose: () => rmSync(dir, { recursive: true, force: true }) };
};

/**
 * The real app on a copy of an existing store file (a committed fixture, a seeded template), in a
 * temp directory laid out as a data directory (`prm.db`), with a manual clock.
 */
export const appOnCopy = async (source: string, now = '2026-06-01T09:00:00.000Z') => {
  const tmp = tempDir('audit');
  const databaseFile = tmp.file('prm.db');
  copyFileSync(source, databaseFile);
  const clock = manualClock(now);
  const platform = await createPlatform({ databaseFile, clock, ids: timeOrderedIds() });
  const app = await buildApp(platform, { adminKey: ADMIN_KEY, jwtSecret: JWT_SECRET });
  const request = async (method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown, token: string = ADMIN_KEY) => {
    const res = await app.inject({
      method,
      url,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
    });
    let json: unknown = res.body;
    try {
      json = res.body ? JSON.parse(res.body) : undefined;
    } catch {
      /* not JSON (NDJSON): keep the text */
    }
    return { status: res.statusCode, body: json, headers: res.headers };
  };
  const tokenFor = (personId: string) => {
    const iat = Math.floor(clock.now().getTime() / 1000);
    return signToken(JWT_SECRET, { sub: personId, iat, exp: iat + 3600 });
  };
  return {
    app,
    platform,
    clock,
    dir: tmp.dir,
    databaseFile,
    tokenFor,
    get: (url: string, token?: string) => request('GET', url, undefined, token),
    post: (url: string, body: unknown = {}, token?: string) => request('POST', url, body, token),
    put: (url: string, body: unknown = {}, token?: string) => request('PUT', url, body, token),
    dispose: async () => {
      await app.close();
      await platform.close();
      tmp.dispose();
    },
  };
};

/**
 * A seeded store file to copy from: built once through the API by `seed`, then closed (its WAL folded
 * into the file) so that copies of it are complete.
 */
export const seededTemplate = async (
  seed: (t: Awaited<ReturnType<typeof appOnCopy>>) => Promise<unknown>,
  now?: string,
) => {
  const tmp = tempDir('template');
  const empty = tmp.file('empty.db');
  openSqlite(empty).db.close();
  const t = await appOnCopy(empty, now);
  await seed(t);
  const template = tmp.file('template.db');
  await t.app.close();
  await t.platform.close();
  copyFileSync(t.databaseFile, template);
  rmSync(t.dir, { recursive: true, force: true });
  return { file: template, dispose: tmp.dispose };
};
