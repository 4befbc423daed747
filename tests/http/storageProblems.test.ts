/**
 * Storage failures over HTTP (README Reliability): out of space is `507 storage_full`, a database
 * that cannot be used is `503 database_unavailable` with `Retry-After`; anything else stays a 500.
 * The classifiers look through wrapped errors (`cause`). `/health` answers even when the log cannot be read.
 */
import Fastify from 'fastify';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { isDatabaseUnavailable, isStorageFull, storageFailureOf } from '../../eventstore/errors.js';
import { useProblemErrors } from '../../http/errorHandling.js';
import { at, list, str } from '../support/json.js';
import { startTestApp } from '../support/testApp.js';

const test = suite('HTTP: storage failures as problems');
const coded = (code: string) => Object.assign(new Error(code), { code });

test('classifiers: SQLite and file-system codes, wrapped or not', () => {
  for (const code of ['SQLITE_FULL', 'ENOSPC', 'EDQUOT']) assert.ok(isStorageFull(coded(code)), code);
  for (const code of ['SQLITE_IOERR', 'SQLITE_IOERR_WRITE', 'SQLITE_CANTOPEN', 'SQLITE_BUSY', 'SQLITE_NOTADB'])
    assert.ok(isDatabaseUnavailable(coded(code)), code);
  assert.ok(isStorageFull(new Error('append failed', { cause: coded('SQLITE_FULL') })));
  for (const e of [coded('SQLITE_CONSTRAINT'), new Error('boom'), undefined, 'SQLITE_FULL'])
    assert.is(storageFailureOf(e), undefined, String(e));
});

test('a route that meets them answers 507, 503 with Retry-After, or 500', async () => {
  const app = Fastify();
  useProblemErrors(app);
  app.get('/:code', async (request) => {
    throw coded((request.params as { code: string }).code);
  });
  const full = await app.inject({ url: '/SQLITE_FULL' });
  assert.is(full.statusCode, 507);
  assert.match(String(full.headers['content-type']), /^application\/problem\+json/);
  assert.is(full.json().code, 'storage_full');
  const gone = await app.inject({ url: '/SQLITE_IOERR_WRITE' });
  assert.is(gone.statusCode, 503);
  assert.is(gone.json().code, 'database_unavailable');
  assert.match(String(gone.headers['retry-after']), /^\d+$/);
  const other = await app.inject({ url: '/SQLITE_MISMATCH' });
  assert.is(other.statusCode, 500);
  assert.is(other.json().code, 'internal_error');
  await app.close();
});

test('a log that cannot be read: /health still answers 200, degraded with database_unavailable', async () => {
  const t = await startTestApp();
  const store = t.platform.store as { headPosition: () => Promise<number> };
  const headPosition = store.headPosition;
  try {
    store.headPosition = () => Promise.reject(coded('SQLITE_IOERR_READ'));
    const r = await t.get('/health', null);
    assert.is(r.status, 200);
    assert.is(str(r.body, 'status'), 'degraded');
    assert.equal(
      list(r.body, 'reasons').map((x) => [str(x, 'component'), str(x, 'code')]),
      [['event-log', 'database_unavailable']],
    );
    assert.is(at(r.body, 'headPosition'), null);
    assert.is(at(r.body, 'projectionLag'), null);
    store.headPosition = headPosition;
    const back = await t.get('/health', null);
    assert.is(str(back.body, 'status'), 'ok');
    assert.type(at(back.body, 'headPosition'), 'number');
  } finally {
    store.headPosition = headPosition;
    await t.dispose();
  }
});

test.run();
