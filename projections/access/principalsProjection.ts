import type { StoredEvent } from '../../eventstore/port.js';
import type { Database } from '../readModels/database.js';
import type { ReadModelDb } from '../readModels/readModelDb.js';
import type { Handlers } from '../runner/projection.js';
import { transactionMemo } from '../runner/transactionMemo.js';
import { idOfStream } from '../streamIds.js';

interface Grant {
  role: string;
  regions?: string[];
}
interface PartnerFacts {
  readonly status?: string;
  readonly tier?: string;
  readonly region?: string;
}

type PartnerRow = Pick<Database['access_partners'], 'status' | 'tier' | 'region' | 'type'>;
/** Partners as the transaction knows them: each joining person copies their employer's row (only here written). */
const partners = transactionMemo<ReadModelDb, PartnerRow | undefined>();
export const beginPartners = partners.begin;

const setPartner = async (db: ReadModelDb, e: StoredEvent, facts: PartnerFacts) => {
  const partnerId = idOfStream(e.streamId);
  await db.update('access_partners', { partner_id: partnerId }, { set: facts });
  partners.forget(db, partnerId);
  // Everyone employed there sees the change on their next request.
  await db.update(
    'access_principals',
    { partner_id: partnerId },
    {
      set: {
        partner_status: facts.status,
        partner_tier: facts.tier,
        partner_region: facts.region,
        updated_at: e.recordedAt,
      },
    },
  );
};
const grants = async (db: ReadModelDb, personId: string): Promise<Grant[]> =>
  JSON.parse(
    (await db.selectOne('access_principals', ['vendor_roles'], { person_id: personId }))?.vendor_roles ?? '[]',
  );
const setGrants = (db: ReadModelDb, e: StoredEvent, list: Grant[]) =>
  db.update(
    'access_principals',
    { person_id: idOfStream(e.streamId) },
    {
      set: {
        vendor_roles: JSON.stringify(list.sort((a, b) => a.role.localeCompare(b.role))),
        updated_at: e.recordedAt,
      },
    },
  );

/**
 * The principal part of the access model: what each person is to the channel right now (DESIGN §5).
 * Part of the `access` projection (accessProjection.ts), which runs these before the visibility handlers.
 */
export const principalHandlers: Handlers = {
  PartnerApplied: async (db, e) => {
    const row = { status: 'applied', tier: null, region: e.data.region, type: e.data.type };
    await db.insert('access_partners', { partner_id: e.data.partnerId, ...row });
    partners.remember(db, e.data.partnerId, row);
  },
  PartnerApproved: (db, e) => setPartner(db, e, { status: 'approved', tier: e.data.tier }),
  PartnerRejected: (db, e) => setPartner(db, e, { status: 'rejected' }),
  PartnerActivated: (db, e) => setPartner(db, e, { status: 'active' }),
  PartnerReinstated: (db, e) => setPartner(db, e, { status: 'active' }),
  PartnerSuspended: (db, e) => setPartner(db, e, { status: 'suspended' }),
  PartnerTerminated: (db, e) => setPartner(db, e, { status: 'terminated' }),
  PartnerTierChanged: (db, e) => setPartner(db, e, { tier: e.data.to }),
  PartnerRegionChanged: (db, e) => setPartner(db, e, { region: e.data.to }),
  PersonRegistered: (db, e) =>
    db.insert('access_principals', { person_id: e.data.personId, vendor_roles: '[]', updated_at: e.recordedAt }),
  VendorRoleGranted: async (db, e) =>
    setGrants(db, e, [...(await grants(db, idOfStream(e.streamId))).filter((g) => g.role !== e.data.role), e.data]),
  VendorRoleRevoked: async (db, e) =>
    setGrants(
      db,
      e,
      (await grants(db, idOfStream(e.streamId))).filter((g) => g.role !== e.data.role),
    ),
  EmployeeJoined: async (db, e) => {
    const p = await partners.recall(db, e.data.partnerId, () =>
      db.selectOne('access_partners', ['status', 'tier', 'region', 'type'], { partner_id: e.data.partnerId }),
    );
    await db.update(
      'access_principals',
      { person_id: idOfStream(e.streamId) },
      {
        set: {
          partner_id: e.data.partnerId,
          partner_role: e.data.role,
          partner_status: p?.status ?? null,
          partner_tier: p?.tier ?? null,
          partner_region: p?.region ?? null,
          partner_type: p?.type ?? null,
          updated_at: e.recordedAt,
        },
      },
    );
  },
  EmployeeRoleChanged: (db, e) =>
    db.update(
      'access_principals',
      { person_id: idOfStream(e.streamId) },
      { set: { partner_role: e.data.to, updated_at: e.recordedAt } },
    ),
  EmployeeLeft: (db, e) =>
    db.update(
      'access_principals',
      { person_id: idOfStream(e.streamId) },
      {
        set: {
          partner_id: null,
          partner_role: null,
          partner_status: null,
          partner_tier: null,
          partner_region: null,
          partner_type: null,
          updated_at: e.recordedAt,
        },
      },
    ),
};
