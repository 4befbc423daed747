/**
 * DESIGN §10: "No acknowledged command is lost when the process is killed; projections resume to the
 * same state as a rebuild." The real server runs as a child process; many onboarding journeys run
 * against it concurrently over HTTP; it is killed with SIGKILL mid-stream (twice) and restarted.
 * Every acknowledged command's events must be in the log, visible through the API, and replayable
 * by its Idempotency-Key; the resumed read models must equal a `prm rebuild` of the same log.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { allProjections } from '../../projections/index.js';
import { at, list, num, obj, strOrNull } from '../support/json.js';
import { ADMIN_KEY, runCli, startServer, type ServerProcess } from './serverProcess.js';

interface Ack {
  readonly method: string;
  readonly url: string;
  readonly body: unknown;
  readonly key: string;
  readonly status: number;
  readonly answer: { id: string; streamId: string; version: number; position: number };
}

const call = async (base: string, method: string, url: string, body?: unknown, key?: string) => {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: {
      authorization: `Bearer ${ADMIN_KEY}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(key ? { 'idempotency-key': key } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const answer: unknown = await res.json();
  return { status: res.status, body: answer, replayed: res.headers.get('idempotent-replayed') };
};

/**
 * Runs `workers` onboarding journeys in a loop (apply, approve, sign, register, join, quota), each
 * command with its own Idempotency-Key, and kills the server once `killAfter` commands were acknowledged.
 */
const loadUntilKilled = async (
  server: ServerProcess,
  round: string,
  workers: number,
  killAfter: number,
  acks: Ack[],
) => {
  let killed = false;
  let inFlight = 0;
  let inFlightAtKill = -1;
  const unexpected: string[] = [];
  let reached!: () => void;
  const threshold = new Promise<void>((resolve) => (reached = resolve));
  const counted = acks.length;

  const send = async (method: string, url: string, body: unknown, key: string) => {
    inFlight++;
    try {
      const r = await call(server.url, method, url, body, key);
      if (r.status >= 300) throw new Error(`${method} ${url} answered ${r.status}: ${JSON.stringify(r.body)}`);
      acks.push({ method, url, body, key, status: r.status, answer: r.body as Ack['answer'] });
      if (acks.length - counted >= killAfter) reached();
      return r.body as Ack['answer'];
    } finally {
      inFlight--;
    }
  };

  const journey = async (w: number) => {
    for (let i = 0; !killed; i++) {
      const tag = `${round}-${w}-${i}`;
      try {
        const partner = await send(
          'POST',
          '/partners',
          { name: `Partner ${tag}`, website: 'https://p.example', country: 'FR', region: 'emea', type: 'msp' },
          `${tag}-apply`,
        );
        await send('POST', `/partners/${partner.id}/approve`, { tier: 'silver' }, `${tag}-approve`);
        await send(
          'POST',
          `/partners/${partner.id}/agreements`,
          { agreementVersion: '1', signedBy: 'Signer' },
          `${tag}-sign`,
        );
        const person = await send(
          'POST',
          '/people',
          { name: `Person ${tag}`, email: `${tag}@crash.example` },
          `${tag}-register`,
        );
        await send('POST', `/partners/${partner.id}/employees`, { personId: person.id, role: 'sales' }, `${tag}-join`);
        await send(
          'POST',
          `/partners/${partner.id}/quotas`,
          { period: '2026-Q3', amount: { amountMinor: 1000 * i, currency: 'EUR' } },
          `${tag}-quota`,
        );
      } catch (error) {
        if (!killed) unexpected.push(String(error));
        return;
      }
    }
  };

  const running = Array.from({ length: workers }, (_, w) => journey(w));
  await Promise.race([threshold, Promise.all(running)]);
  killed = true;
  inFlightAtKill = inFlight;
  await server.kill();
  await Promise.all(running);
  assert.equal(unexpected, [], 'no command failed before the kill');
  assert.ok(inFlightAtKill > 0, 'the kill hit requests in flight');
};

const expectAllAcknowledgedInLog = (dbFile: string, acks: readonly Ack[]) => {
  const db = new Database(dbFile, { readonly: true });
  try {
    const find = db.prepare(
      `SELECT COUNT(*) AS n FROM events
       WHERE stream_id = ? AND version = ? AND json_extract(metadata, '$.idempotencyKey') = ?`,
    );
    const missing = acks.filter((a) => (find.get(a.answer.streamId, a.answer.version, a.key) as { n: number }).n !== 1);
    assert.equal(
      missing.map((a) => `${a.method} ${a.url} ${a.key}`),
      [],
      'every acknowledged command is in the log',
    );
    const head = (db.prepare('SELECT MAX(position) AS p FROM events').get() as { p: number }).p;
    assert.ok(head >= Math.max(...acks.map((a) => a.answer.position)));
  } finally {
    db.close();
  }
};

const expectVisibleAndReplayed = async (server: ServerProcess, acks: readonly Ack[]) => {
  const head = at((await call(server.url, 'GET', '/health')).body, 'headPosition');
  for (const a of acks) {
    const replay = await call(server.url, a.method, a.url, a.body, a.key);
    assert.equal(
      [replay.status, replay.body, replay.replayed],
      [a.status, a.answer, 'true'],
      `${a.key} replays its acknowledged answer`,
    );
    const kind = a.answer.streamId.startsWith('partner-') ? 'partners' : 'people';
    const view = await call(server.url, 'GET', `/${kind}/${a.answer.id}`);
    assert.is(view.status, 200, `${kind}/${a.answer.id} is visible`);
    assert.ok(
      num(view.body, 'version') >= a.answer.version,
      `${a.answer.streamId} is at ${at(view.body, 'version')}, acknowledged ${a.answer.version}`,
    );
  }
  assert.is(at((await call(server.url, 'GET', '/health')).body, 'headPosition'), head, 'the replays appended nothing');
};

/** Every read-model table as sorted JSON rows. */
const dumpReadModels = (dbFile: string) => {
  const db = new Database(dbFile, { readonly: true });
  try {
    const tables = [...new Set(allProjections.flatMap((p) => p.tables))].sort();
    return Object.fromEntries(
      tables.map((t) => [
        t,
        db
          .prepare(`SELECT * FROM ${t}`)
          .all()
          .map((r) => JSON.stringify(r))
          .sort(),
      ]),
    );
  } finally {
    db.close();
  }
};

const allPartners = async (server: ServerProcess) => {
  const items: unknown[] = [];
  let cursor: string | null = null;
  do {
    const page = (await call(server.url, 'GET', `/partners?limit=500${cursor ? `&cursor=${cursor}` : ''}`)).body;
    items.push(...list(page, 'items'));
    cursor = strOrNull(page, 'nextCursor');
  } while (cursor);
  return items;
};

const test = suite('Reliability: SIGKILL mid-stream, restart');

test('nothing acknowledged is lost across two kills, and resumed read models equal a rebuild', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'prm-kill-'));
  const dbFile = join(dir, 'prm.db');
  const acks: Ack[] = [];
  try {
    for (const round of ['a', 'b']) {
      const server = await startServer(dir);
      if (acks.length) await expectVisibleAndReplayed(server, acks);
      await loadUntilKilled(server, round, 16, 150, acks);
      expectAllAcknowledgedInLog(dbFile, acks);
    }
    const resumed = await startServer(dir);
    await expectVisibleAndReplayed(resumed, acks);
    const health = obj((await call(resumed.url, 'GET', '/health')).body);
    assert.is(health.projectionLag, 0, 'projections caught up after the restart');
    const partnersBefore = await allPartners(resumed);
    assert.ok(partnersBefore.length >= acks.filter((a) => a.url === '/partners').length);
    await resumed.stop();

    const incremental = dumpReadModels(dbFile);
    assert.ok(incremental.partners.length > 0 && incremental.people.length > 0);
    await runCli(dir, ['rebuild']);
    assert.equal(dumpReadModels(dbFile), incremental, 'resumed read models equal rebuilt ones, table by table');

    const rebuilt = await startServer(dir);
    assert.equal(await allPartners(rebuilt), partnersBefore);
    await rebuilt.stop();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
