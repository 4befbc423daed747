import type { StoredEvent } from '../../eventstore/port.js';
import { defineProjection } from '../runner/projection.js';
import type { SqlDb } from '../../infra/sql/sqlDb.js';
import { idOfStream } from '../streamIds.js';

type E<D> = StoredEvent<D>;
interface Grant { role: string; regions?: string[] }

const touch = (db: SqlDb, e: StoredEvent, columns: Record<string, unknown> = {}) => {
  const names = Object.keys(columns);
  return db.run(`UPDATE people SET ${[...names.map((n) => `${n} = ?`), 'version = ?', 'updated_at = ?'].join(', ')} WHERE person_id = ?`, [
    ...names.map((n) => columns[n]), e.version, e.recordedAt, idOfStream(e.streamId),
  ]);
};
const roles = async (db: SqlDb, personId: string): Promise<Grant[]> =>
  JSON.parse((await db.get<{ vendor_roles: string }>('SELECT vendor_roles FROM people WHERE person_id = ?', [personId]))?.vendor_roles ?? '[]');

/** People with current employer, employment history, programs and certifications (DESIGN §5). */
export const peopleProjection = defineProjection({
  name: 'people',
  tables: ['certifications', 'employments', 'programs', 'people'],
  handlers: {
    PersonRegistered: async (db, e: E<{ personId: string; name: string; email: string }>) =>
      void (await db.run(
        `INSERT INTO people (person_id, name, email, vendor_roles, registered_at, version, updated_at) VALUES (?, ?, ?, '[]', ?, ?, ?)`,
        [e.data.personId, e.data.name, e.data.email.toLowerCase(), e.recordedAt, e.version, e.recordedAt],
      )),
    VendorRoleGranted: async (db, e: E<Grant>) => {
      const current = (await roles(db, idOfStream(e.streamId))).filter((g) => g.role !== e.data.role);
      await touch(db, e, { vendor_roles: JSON.stringify([...current, e.data].sort((a, b) => a.role.localeCompare(b.role))) });
    },
    VendorRoleRevoked: async (db, e: E<{ role: string }>) => {
      const current = (await roles(db, idOfStream(e.streamId))).filter((g) => g.role !== e.data.role);
      await touch(db, e, { vendor_roles: JSON.stringify(current) });
    },
    EmployeeJoined: async (db, e: E<{ partnerId: string; role: string }>) => {
      await touch(db, e, { partner_id: e.data.partnerId, partner_role: e.data.role, joined_at: e.recordedAt });
      await db.run(
        'INSERT INTO employments (person_id, partner_id, role, joined_at, joined_position) VALUES (?, ?, ?, ?, ?)',
        [idOfStream(e.streamId), e.data.partnerId, e.data.role, e.recordedAt, e.position],
      );
    },
    EmployeeRoleChanged: async (db, e: E<{ partnerId: string; to: string }>) => {
      await touch(db, e, { partner_role: e.data.to });
      await db.run('UPDATE employments SET role = ? WHERE person_id = ? AND partner_id = ? AND left_at IS NULL', [
        e.data.to, idOfStream(e.streamId), e.data.partnerId,
      ]);
    },
    EmployeeLeft: async (db, e: E<{ partnerId: string; reason?: string }>) => {
      await touch(db, e, { partner_id: null, partner_role: null, joined_at: null });
      await db.run('UPDATE employments SET left_at = ?, leave_reason = ? WHERE person_id = ? AND partner_id = ? AND left_at IS NULL', [
        e.recordedAt, e.data.reason ?? null, idOfStream(e.streamId), e.data.partnerId,
      ]);
    },
    ProgramDefined: async (db, e: E<{ programId: string; name: string; productLine: string; validForDays: number; points: number }>) =>
      void (await db.run(
        `INSERT INTO programs (program_id, name, product_line, valid_for_days, points, status, defined_at, version) VALUES (?, ?, ?, ?, ?, 'active', ?, ?)`,
        [e.data.programId, e.data.name, e.data.productLine, e.data.validForDays, e.data.points, e.recordedAt, e.version],
      )),
    ProgramRetired: async (db, e) =>
      void (await db.run(`UPDATE programs SET status = 'retired', version = ? WHERE program_id = ?`, [e.version, idOfStream(e.streamId)])),
    CertificationEarned: async (db, e: E<{ programId: string; earnedAt: string; expiresAt: string }>) => {
      const line = await db.get<{ product_line: string }>('SELECT product_line FROM programs WHERE program_id = ?', [e.data.programId]);
      await db.run(
        `INSERT INTO certifications (person_id, program_id, product_line, earned_at, expires_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (person_id, program_id) DO UPDATE SET earned_at = excluded.earned_at, expires_at = excluded.expires_at,
           renewed_at = NULL, revoked_at = NULL, revoke_reason = NULL`,
        [idOfStream(e.streamId), e.data.programId, line?.product_line ?? 'unknown', e.data.earnedAt, e.data.expiresAt],
      );
      await touch(db, e);
    },
    CertificationRenewed: async (db, e: E<{ programId: string; renewedAt: string; expiresAt: string }>) => {
      await db.run('UPDATE certifications SET expires_at = ?, renewed_at = ? WHERE person_id = ? AND program_id = ?', [
        e.data.expiresAt, e.data.renewedAt, idOfStream(e.streamId), e.data.programId,
      ]);
      await touch(db, e);
    },
    CertificationRevoked: async (db, e: E<{ programId: string; reason: string }>) => {
      await db.run('UPDATE certifications SET revoked_at = ?, revoke_reason = ? WHERE person_id = ? AND program_id = ?', [
        e.recordedAt, e.data.reason, idOfStream(e.streamId), e.data.programId,
      ]);
      await touch(db, e);
    },
  },
});
