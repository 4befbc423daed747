import type { StoredEvent } from '../../eventstore/port.js';
import { sqlText } from '../../infra/sql/tableStatements.js';
import { t, type Database } from '../readModels/database.js';
import { productLineOf } from '../readModels/productLineOf.js';
import type { ReadModelDb } from '../readModels/readModelDb.js';
import { defineProjection } from '../runner/projection.js';
import { transactionWrites } from '../runner/transactionWrites.js';
import { idOfStream } from '../streamIds.js';

interface Grant {
  role: string;
  regions?: string[];
}

const touch = (db: ReadModelDb, e: StoredEvent, set: Partial<Database['people']> = {}) =>
  db.update(
    'people',
    { person_id: idOfStream(e.streamId) },
    { set: { version: e.version, updated_at: e.recordedAt, ...set } },
  );
const { people: p } = t;
/** Never back: an event applied later in the transaction may have written a later version already. */
const TOUCH_IF_LATER = sqlText(
  `UPDATE ${p.$} SET ${p.version} = ?, ${p.updated_at} = ? WHERE ${p.person_id} = ? AND ${p.version} < ?`,
);
/**
 * The version and time a certification event gives its person, the latest of the transaction written
 * once per person in the settle (a 1M rebuild's 260,927 certification events touch 127,165 people a
 * batch); the other people events set them with the columns they change.
 */
const certified = transactionWrites<ReadModelDb, { version: number; at: string }>({
  combine: (held, later) => (later.version > held.version ? later : held),
  write: (db, personId, { version, at }) => db.execute(TOUCH_IF_LATER, [version, at, personId, version]),
});
const touchCertified = (db: ReadModelDb, e: StoredEvent) =>
  certified.add(db, idOfStream(e.streamId), { version: e.version, at: e.recordedAt });

const roles = async (db: ReadModelDb, personId: string): Promise<Grant[]> =>
  JSON.parse((await db.selectOne('people', ['vendor_roles'], { person_id: personId }))?.vendor_roles ?? '[]');

/** People with current employer, employment history, programs and certifications (DESIGN §5). */
export const peopleProjection = defineProjection({
  name: 'people',
  tables: ['certifications', 'employments', 'programs', 'people'],
  handlers: {
    PersonRegistered: (db, e) =>
      db.insert('people', {
        person_id: e.data.personId,
        name: e.data.name,
        email: e.data.email.toLowerCase(),
        vendor_roles: '[]',
        registered_at: e.recordedAt,
        version: e.version,
        updated_at: e.recordedAt,
      }),
    VendorRoleGranted: async (db, e) => {
      const current = (await roles(db, idOfStream(e.streamId))).filter((g) => g.role !== e.data.role);
      await touch(db, e, {
        vendor_roles: JSON.stringify([...current, e.data].sort((a, b) => a.role.localeCompare(b.role))),
      });
    },
    VendorRoleRevoked: async (db, e) => {
      const current = (await roles(db, idOfStream(e.streamId))).filter((g) => g.role !== e.data.role);
      await touch(db, e, { vendor_roles: JSON.stringify(current) });
    },
    EmployeeJoined: async (db, e) => {
      await touch(db, e, { partner_id: e.data.partnerId, partner_role: e.data.role, joined_at: e.recordedAt });
      await db.insert('employments', {
        person_id: idOfStream(e.streamId),
        partner_id: e.data.partnerId,
        role: e.data.role,
        joined_at: e.recordedAt,
        joined_position: e.position,
      });
    },
    EmployeeRoleChanged: async (db, e) => {
      await touch(db, e, { partner_role: e.data.to });
      await db.update(
        'employments',
        { person_id: idOfStream(e.streamId), partner_id: e.data.partnerId, left_at: null },
        { set: { role: e.data.to } },
      );
    },
    EmployeeLeft: async (db, e) => {
      await touch(db, e, { partner_id: null, partner_role: null, joined_at: null });
      await db.update(
        'employments',
        { person_id: idOfStream(e.streamId), partner_id: e.data.partnerId, left_at: null },
        {
          set: { left_at: e.recordedAt, leave_reason: e.data.reason ?? null },
        },
      );
    },
    ProgramDefined: (db, e) =>
      db.insert('programs', {
        program_id: e.data.programId,
        name: e.data.name,
        product_line: e.data.productLine,
        valid_for_days: e.data.validForDays,
        points: e.data.points,
        status: 'active',
        defined_at: e.recordedAt,
        version: e.version,
      }),
    ProgramRetired: (db, e) =>
      db.update('programs', { program_id: idOfStream(e.streamId) }, { set: { status: 'retired', version: e.version } }),
    CertificationEarned: async (db, e) => {
      const line = await productLineOf(db, 'programs', e.data.programId);
      // Earned again after a revocation or lapse: a fresh certification, the old renewal and revocation gone.
      await db.upsert(
        'certifications',
        {
          person_id: idOfStream(e.streamId),
          program_id: e.data.programId,
          product_line: line ?? 'unknown',
          earned_at: e.data.earnedAt,
          expires_at: e.data.expiresAt,
          renewed_at: null,
          revoked_at: null,
          revoke_reason: null,
        },
        { set: ['earned_at', 'expires_at', 'renewed_at', 'revoked_at', 'revoke_reason'] },
      );
      await touchCertified(db, e);
    },
    CertificationRenewed: async (db, e) => {
      await db.update(
        'certifications',
        { person_id: idOfStream(e.streamId), program_id: e.data.programId },
        {
          set: { expires_at: e.data.expiresAt, renewed_at: e.data.renewedAt },
        },
      );
      await touchCertified(db, e);
    },
    CertificationRevoked: async (db, e) => {
      await db.update(
        'certifications',
        { person_id: idOfStream(e.streamId), program_id: e.data.programId },
        {
          set: { revoked_at: e.recordedAt, revoke_reason: e.data.reason },
        },
      );
      await touchCertified(db, e);
    },
  },
  begin: certified.begin,
  settle: certified.settle,
});
