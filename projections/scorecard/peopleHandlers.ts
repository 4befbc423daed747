import type { StoredEvent } from '../../eventstore/port.js';
import type { SqlDb } from '../../infra/sql/sqlDb.js';
import { idOfStream } from '../streamIds.js';
import { markReadinessStale, readyUntil } from './readiness.js';

type E<D> = StoredEvent<D>;
type Handler = (db: SqlDb, event: StoredEvent<never>) => Promise<void>;

const employerOf = async (db: SqlDb, personId: string) =>
  (await db.get<{ partner_id: string | null }>('SELECT partner_id FROM scorecard_people WHERE person_id = ?', [personId]))?.partner_id ?? null;

/** A certification changed: the person's current employer's picture changes with it. */
const refreshEmployerOf = async (db: SqlDb, e: StoredEvent) => {
  const partnerId = await employerOf(db, idOfStream(e.streamId));
  if (partnerId) markReadinessStale(db, partnerId);
};

/** Employment, programs, certifications and the readiness setting: what certified people and readiness derive from. */
export const peopleHandlers: Record<string, Handler> = {
  ProgramDefined: async (db, e: E<{ programId: string; productLine: string }>) =>
    void (await db.run('INSERT INTO scorecard_programs (program_id, product_line) VALUES (?, ?) ON CONFLICT (program_id) DO NOTHING', [
      e.data.programId, e.data.productLine,
    ])),
  EmployeeJoined: async (db, e: E<{ partnerId: string }>) => {
    await db.run(
      'INSERT INTO scorecard_people (person_id, partner_id) VALUES (?, ?) ON CONFLICT (person_id) DO UPDATE SET partner_id = excluded.partner_id',
      [idOfStream(e.streamId), e.data.partnerId],
    );
    await db.run('UPDATE scorecard_partners SET employee_count = employee_count + 1 WHERE partner_id = ?', [e.data.partnerId]);
    markReadinessStale(db, e.data.partnerId);
  },
  EmployeeLeft: async (db, e: E<{ partnerId: string }>) => {
    await db.run('UPDATE scorecard_people SET partner_id = NULL WHERE person_id = ?', [idOfStream(e.streamId)]);
    await db.run('UPDATE scorecard_partners SET employee_count = employee_count - 1 WHERE partner_id = ?', [e.data.partnerId]);
    markReadinessStale(db, e.data.partnerId);
  },
  CertificationEarned: async (db, e: E<{ programId: string; expiresAt: string }>) => {
    const line = await db.get<{ product_line: string }>('SELECT product_line FROM scorecard_programs WHERE program_id = ?', [e.data.programId]);
    await db.run(
      `INSERT INTO scorecard_certifications (person_id, program_id, product_line, expires_at, revoked) VALUES (?, ?, ?, ?, 0)
       ON CONFLICT (person_id, program_id) DO UPDATE SET expires_at = excluded.expires_at, revoked = 0`,
      [idOfStream(e.streamId), e.data.programId, line?.product_line ?? 'unknown', new Date(e.data.expiresAt).toISOString()],
    );
    await refreshEmployerOf(db, e);
  },
  CertificationRenewed: async (db, e: E<{ programId: string; expiresAt: string }>) => {
    await db.run('UPDATE scorecard_certifications SET expires_at = ? WHERE person_id = ? AND program_id = ?', [
      new Date(e.data.expiresAt).toISOString(), idOfStream(e.streamId), e.data.programId,
    ]);
    await refreshEmployerOf(db, e);
  },
  CertificationRevoked: async (db, e: E<{ programId: string }>) => {
    await db.run('UPDATE scorecard_certifications SET revoked = 1 WHERE person_id = ? AND program_id = ?', [idOfStream(e.streamId), e.data.programId]);
    await refreshEmployerOf(db, e);
  },
  // Readiness needs `minCertifiedForReady` people per product line: a change re-derives every partner's `ready_until`.
  ChannelSettingsChanged: async (db, e: E<{ minCertifiedForReady?: number }>) => {
    const k = e.data.minCertifiedForReady;
    if (k === undefined) return;
    await db.run(
      `INSERT INTO scorecard_settings (key, value) VALUES ('minCertifiedForReady', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      [String(k)],
    );
    const partners = await db.all<{ partner_id: string; line_expiries: string }>('SELECT partner_id, line_expiries FROM scorecard_partners');
    for (const p of partners)
      await db.run('UPDATE scorecard_partners SET ready_until = ? WHERE partner_id = ?', [readyUntil(JSON.parse(p.line_expiries), k), p.partner_id]);
  },
};
