import type { StoredEvent } from '../../eventstore/port.js';
import { productLineOf } from '../readModels/productLineOf.js';
import type { ReadModelDb } from '../readModels/readModelDb.js';
import type { Handlers } from '../runner/projection.js';
import { transactionMemo } from '../runner/transactionMemo.js';
import { transactionTally } from '../runner/transactionWrites.js';
import { idOfStream } from '../streamIds.js';
import { markReadinessStale, readyUntil } from './readiness.js';

/** Each person's employer as the transaction knows it: only the handlers below write `scorecard_people`. */
const employers = transactionMemo<ReadModelDb, string | null>();
/** Employees joined less left, per partner, written once a transaction (readiness reads people, not the count). */
const employees = transactionTally<ReadModelDb>((db, partnerId, amount) =>
  db.update('scorecard_partners', { partner_id: partnerId }, { add: { employee_count: amount } }),
);

/** The scorecards' `begin` for the people part: nothing known yet of employers or counts. */
export const beginPeople = (db: ReadModelDb) => {
  employers.begin(db);
  employees.begin(db);
};
export const settleEmployeeCounts = employees.settle;

const employerOf = (db: ReadModelDb, personId: string) =>
  employers.recall(
    db,
    personId,
    async () => (await db.selectOne('scorecard_people', ['partner_id'], { person_id: personId }))?.partner_id ?? null,
  );

/** A certification changed: the person's current employer's picture changes with it. */
const refreshEmployerOf = async (db: ReadModelDb, e: StoredEvent) => {
  const partnerId = await employerOf(db, idOfStream(e.streamId));
  if (partnerId) markReadinessStale(db, partnerId);
};

/** Employment, programs, certifications and the readiness setting: what certified people and readiness derive from. */
export const peopleHandlers: Handlers = {
  ProgramDefined: (db, e) =>
    db.upsert('scorecard_programs', { program_id: e.data.programId, product_line: e.data.productLine }),
  EmployeeJoined: async (db, e) => {
    const personId = idOfStream(e.streamId);
    await db.upsert('scorecard_people', { person_id: personId, partner_id: e.data.partnerId }, { set: ['partner_id'] });
    employers.remember(db, personId, e.data.partnerId);
    await employees.add(db, e.data.partnerId, 1);
    markReadinessStale(db, e.data.partnerId);
  },
  EmployeeLeft: async (db, e) => {
    const personId = idOfStream(e.streamId);
    await db.update('scorecard_people', { person_id: personId }, { set: { partner_id: null } });
    // A person never joined has no row, and the update made none: null is what a read would answer too.
    employers.remember(db, personId, null);
    await employees.add(db, e.data.partnerId, -1);
    markReadinessStale(db, e.data.partnerId);
  },
  CertificationEarned: async (db, e) => {
    const line = await productLineOf(db, 'scorecard_programs', e.data.programId);
    await db.upsert(
      'scorecard_certifications',
      {
        person_id: idOfStream(e.streamId),
        program_id: e.data.programId,
        product_line: line ?? 'unknown',
        expires_at: new Date(e.data.expiresAt).toISOString(),
        revoked: 0,
      },
      { set: ['expires_at', 'revoked'] },
    );
    await refreshEmployerOf(db, e);
  },
  CertificationRenewed: async (db, e) => {
    await db.update(
      'scorecard_certifications',
      { person_id: idOfStream(e.streamId), program_id: e.data.programId },
      {
        set: { expires_at: new Date(e.data.expiresAt).toISOString() },
      },
    );
    await refreshEmployerOf(db, e);
  },
  CertificationRevoked: async (db, e) => {
    await db.update(
      'scorecard_certifications',
      { person_id: idOfStream(e.streamId), program_id: e.data.programId },
      { set: { revoked: 1 } },
    );
    await refreshEmployerOf(db, e);
  },
  // Readiness needs `minCertifiedForReady` people per product line: a change re-derives every partner's `ready_until`.
  ChannelSettingsChanged: async (db, e) => {
    const k = e.data.minCertifiedForReady;
    if (k === undefined) return;
    await db.upsert('scorecard_settings', { key: 'minCertifiedForReady', value: String(k) }, { set: ['value'] });
    const partners = await db.select('scorecard_partners', ['partner_id', 'line_expiries'], {});
    for (const p of partners)
      await db.update(
        'scorecard_partners',
        { partner_id: p.partner_id },
        { set: { ready_until: readyUntil(JSON.parse(p.line_expiries), k) } },
      );
  },
};
