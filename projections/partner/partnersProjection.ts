import type { StoredEvent } from '../../eventstore/port.js';
import type { Database } from '../readModels/database.js';
import type { ReadModelDb } from '../readModels/readModelDb.js';
import { defineProjection } from '../runner/projection.js';
import { transactionTally } from '../runner/transactionWrites.js';
import { idOfStream } from '../streamIds.js';

/** Sets columns of the partner row and its version/updated_at from the event. */
const update = (db: ReadModelDb, event: StoredEvent, set: Partial<Database['partners']> = {}) =>
  db.update(
    'partners',
    { partner_id: idOfStream(event.streamId) },
    { set: { version: event.version, updated_at: event.recordedAt, ...set } },
  );
const status = (db: ReadModelDb, event: StoredEvent, to: string, extra: Partial<Database['partners']> = {}) =>
  update(db, event, { status: to, status_changed_at: event.recordedAt, ...extra });

/** Employees joined less left, per partner, written once a transaction (nothing here reads the count). */
const employees = transactionTally<ReadModelDb>((db, partnerId, amount) =>
  db.update('partners', { partner_id: partnerId }, { add: { employee_count: amount } }),
);

/** The partner directory (DESIGN §5). Readiness is derived at query time from certifications. */
export const partnersProjection = defineProjection({
  name: 'partners',
  tables: ['partner_quotas', 'partners'],
  handlers: {
    PartnerApplied: (db, e) => {
      const d = e.data;
      return db.insert('partners', {
        partner_id: d.partnerId,
        name: d.name,
        website: d.website,
        domain: d.domain,
        country: d.country,
        region: d.region,
        type: d.type,
        parent_partner_id: d.parentPartnerId ?? null,
        status: 'applied',
        applied_at: e.recordedAt,
        status_changed_at: e.recordedAt,
        employee_count: 0,
        version: e.version,
        updated_at: e.recordedAt,
      });
    },
    PartnerApproved: (db, e) => status(db, e, 'approved', { tier: e.data.tier, approved_at: e.recordedAt }),
    PartnerRejected: (db, e) => status(db, e, 'rejected'),
    PartnerAgreementSigned: (db, e) => update(db, e, { agreement_version: e.data.agreementVersion }),
    PartnerActivated: (db, e) => status(db, e, 'active', { activated_at: e.recordedAt }),
    PartnerTierChanged: (db, e) => update(db, e, { tier: e.data.to }),
    PartnerRegionChanged: (db, e) => update(db, e, { region: e.data.to }),
    ChannelManagerAssigned: (db, e) => update(db, e, { channel_manager_id: e.data.personId }),
    PartnerQuotaSet: async (db, e) => {
      const { amountMinor, currency } = e.data.amount;
      await db.upsert(
        'partner_quotas',
        { partner_id: idOfStream(e.streamId), period: e.data.period, amount_minor: amountMinor, currency },
        {
          set: ['amount_minor', 'currency'],
        },
      );
      await update(db, e);
    },
    PartnerSuspended: (db, e) => status(db, e, 'suspended'),
    PartnerReinstated: (db, e) => status(db, e, 'active'),
    PartnerTerminated: (db, e) => status(db, e, 'terminated'),
    EmployeeJoined: (db, e) => employees.add(db, e.data.partnerId, 1),
    EmployeeLeft: (db, e) => employees.add(db, e.data.partnerId, -1),
  },
  begin: employees.begin,
  settle: employees.settle,
});
