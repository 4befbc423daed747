import type { StoredEvent } from '../../eventstore/port.js';
import type { SqlDb } from '../../infra/sql/sqlDb.js';
import { idOfStream } from '../streamIds.js';

type E<D> = StoredEvent<D>;
interface Grant { role: string; regions?: string[] }

const setPartner = async (db: SqlDb, e: StoredEvent, columns: Record<string, unknown>) => {
  const partnerId = idOfStream(e.streamId);
  const names = Object.keys(columns);
  await db.run(`UPDATE access_partners SET ${names.map((n) => `${n} = ?`).join(', ')} WHERE partner_id = ?`, [...names.map((n) => columns[n]), partnerId]);
  // Everyone employed there sees the change on their next request.
  await db.run(
    `UPDATE access_principals SET ${names.map((n) => `partner_${n} = ?`).join(', ')}, updated_at = ? WHERE partner_id = ?`,
    [...names.map((n) => columns[n]), e.recordedAt, partnerId],
  );
};
const grants = async (db: SqlDb, personId: string): Promise<Grant[]> =>
  JSON.parse((await db.get<{ vendor_roles: string }>('SELECT vendor_roles FROM access_principals WHERE person_id = ?', [personId]))?.vendor_roles ?? '[]');
const setGrants = (db: SqlDb, e: StoredEvent, list: Grant[]) =>
  db.run('UPDATE access_principals SET vendor_roles = ?, updated_at = ? WHERE person_id = ?', [
    JSON.stringify(list.sort((a, b) => a.role.localeCompare(b.role))), e.recordedAt, idOfStream(e.streamId),
  ]);

type Handler = (db: SqlDb, event: StoredEvent<never>) => Promise<void>;

/**
 * The principal part of the access model: what each person is to the channel right now (DESIGN §5).
 * Part of the `access` projection (accessProjection.ts), which runs these before the visibility handlers.
 */
export const principalHandlers: Record<string, Handler> = {
  PartnerApplied: async (db, e: E<{ partnerId: string; region: string; type: string }>) =>
    void (await db.run(`INSERT INTO access_partners (partner_id, status, region, type) VALUES (?, 'applied', ?, ?)`, [
      e.data.partnerId, e.data.region, e.data.type,
    ])),
  PartnerApproved: (db, e: E<{ tier: string }>) => setPartner(db, e, { status: 'approved', tier: e.data.tier }),
  PartnerRejected: (db, e) => setPartner(db, e, { status: 'rejected' }),
  PartnerActivated: (db, e) => setPartner(db, e, { status: 'active' }),
  PartnerReinstated: (db, e) => setPartner(db, e, { status: 'active' }),
  PartnerSuspended: (db, e) => setPartner(db, e, { status: 'suspended' }),
  PartnerTerminated: (db, e) => setPartner(db, e, { status: 'terminated' }),
  PartnerTierChanged: (db, e: E<{ to: string }>) => setPartner(db, e, { tier: e.data.to }),
  PartnerRegionChanged: (db, e: E<{ to: string }>) => setPartner(db, e, { region: e.data.to }),
  PersonRegistered: async (db, e: E<{ personId: string }>) =>
    void (await db.run(`INSERT INTO access_principals (person_id, vendor_roles, updated_at) VALUES (?, '[]', ?)`, [e.data.personId, e.recordedAt])),
  VendorRoleGranted: async (db, e: E<Grant>) =>
    void (await setGrants(db, e, [...(await grants(db, idOfStream(e.streamId))).filter((g) => g.role !== e.data.role), e.data])),
  VendorRoleRevoked: async (db, e: E<{ role: string }>) =>
    void (await setGrants(db, e, (await grants(db, idOfStream(e.streamId))).filter((g) => g.role !== e.data.role))),
  EmployeeJoined: async (db, e: E<{ partnerId: string; role: string }>) => {
    const p = await db.get<{ status: string; tier: string | null; region: string; type: string }>(
      'SELECT status, tier, region, type FROM access_partners WHERE partner_id = ?', [e.data.partnerId]);
    await db.run(
      `UPDATE access_principals SET partner_id = ?, partner_role = ?, partner_status = ?, partner_tier = ?, partner_region = ?,
         partner_type = ?, updated_at = ? WHERE person_id = ?`,
      [e.data.partnerId, e.data.role, p?.status ?? null, p?.tier ?? null, p?.region ?? null, p?.type ?? null, e.recordedAt, idOfStream(e.streamId)],
    );
  },
  EmployeeRoleChanged: async (db, e: E<{ to: string }>) =>
    void (await db.run('UPDATE access_principals SET partner_role = ?, updated_at = ? WHERE person_id = ?', [e.data.to, e.recordedAt, idOfStream(e.streamId)])),
  EmployeeLeft: async (db, e) =>
    void (await db.run(
      `UPDATE access_principals SET partner_id = NULL, partner_role = NULL, partner_status = NULL, partner_tier = NULL,
         partner_region = NULL, partner_type = NULL, updated_at = ? WHERE person_id = ?`,
      [e.recordedAt, idOfStream(e.streamId)],
    )),
};
