import type { StoredEvent } from '../../eventstore/port.js';
import type { Database } from '../readModels/database.js';
import type { ReadModelDb } from '../readModels/readModelDb.js';
import { defineProjection } from '../runner/projection.js';
import { periodOf } from '../../domain/shared/period.js';
import { idOfStream } from '../streamIds.js';
import { dealHandlers } from './leadDealHandlers.js';
import { countLead } from './leadTotals.js';

type Lead = Partial<Database['leads']>;
type Assignment = Partial<Database['lead_assignments']>;

const current = async (db: ReadModelDb, leadId: string) =>
  db.selectOne('leads', ['region', 'assignment_count', 'assigned_at'], { lead_id: leadId });

/** Sets columns of the lead row, with its version and updated_at. */
const update = (db: ReadModelDb, event: StoredEvent, set: Lead) =>
  db.update(
    'leads',
    { lead_id: idOfStream(event.streamId) },
    { set: { version: event.version, updated_at: event.recordedAt, ...set } },
  );

/** An assignment's outcome, recorded at `at`, with the quarter it counts in. */
const outcomeOf = (outcome: string, at: string, more: Assignment = {}): Assignment => ({
  outcome,
  outcome_at: at,
  outcome_period: periodOf(new Date(at)),
  ...more,
});

/** A new status, with the outcome of the current assignment when the event answers it. */
const answer = async (db: ReadModelDb, event: StoredEvent, set: Lead, outcome?: Assignment) => {
  const leadId = idOfStream(event.streamId);
  const row = await current(db, leadId);
  if (outcome && row && Number(row.assignment_count) > 0)
    await db.update('lead_assignments', { lead_id: leadId, seq: Number(row.assignment_count) }, { set: outcome });
  await update(db, event, { status_changed_at: event.recordedAt, ...set });
  return row;
};

const secondsSince = (from: string | null | undefined, to: string) =>
  from ? Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000)) : null;

/**
 * Vendor-sourced leads (DESIGN §13): one row per lead with its current holder and outcome, one per
 * assignment with the routing decision recorded, and counts per period, lead region and partner for
 * the dashboard, the scorecard and channel health. The deal a lead became closes the loop here: its
 * approval, win or loss is copied onto the lead (`leadDealHandlers.ts`).
 */
export const leadsProjection = defineProjection({
  name: 'leads',
  tables: ['lead_period_totals', 'lead_partner_totals', 'lead_region_totals', 'lead_assignments', 'leads'],
  handlers: {
    LeadRegistered: async (db, e) => {
      const d = e.data;
      await db.insert('leads', {
        lead_id: d.leadId,
        customer_name: d.customer.name,
        customer_domain: d.customer.domain,
        customer_country: d.customer.country,
        region: d.region,
        product_line: d.productLine,
        estimated_value_minor: d.estimatedValue?.amountMinor ?? null,
        currency: d.estimatedValue?.currency ?? null,
        source: d.source,
        notes: d.notes ?? null,
        status: 'registered',
        assignment_count: 0,
        registered_by: d.registeredBy,
        registered_at: e.recordedAt,
        registered_position: e.position,
        status_changed_at: e.recordedAt,
        version: e.version,
        updated_at: e.recordedAt,
      });
      await countLead(db, e.recordedAt, d.region, '', 'registered');
    },
    LeadAssigned: async (db, e) => {
      const leadId = idOfStream(e.streamId);
      const d = e.data;
      const row = await current(db, leadId);
      if (!row) return;
      const seq = Number(row.assignment_count) + 1;
      if (d.previousPartnerId)
        await db.update(
          'lead_assignments',
          { lead_id: leadId, seq: seq - 1 },
          { set: outcomeOf('reassigned', e.recordedAt) },
        );
      await db.insert('lead_assignments', {
        lead_id: leadId,
        seq,
        partner_id: d.partnerId,
        region: row.region,
        kind: d.by,
        assigned_by: d.assignedBy,
        assigned_at: d.assignedAt,
        accept_by: d.acceptBy,
        candidate_count: d.routing?.candidateCount ?? null,
        excluded_count: d.routing?.excludedCount ?? null,
        decided_by: d.routing?.decidedBy ?? null,
        reason: d.routing?.reason ?? null,
        candidates: d.routing ? JSON.stringify(d.routing.candidates) : null,
      });
      await update(db, e, {
        status: 'assigned',
        partner_id: d.partnerId,
        assigned_by: d.by,
        assigned_at: d.assignedAt,
        accept_by: d.acceptBy,
        assignment_count: seq,
        status_changed_at: e.recordedAt,
      });
      await countLead(db, e.recordedAt, row.region, d.partnerId, 'assigned');
    },
    LeadAccepted: async (db, e) => {
      const row = await answer(
        db,
        e,
        { status: 'accepted', accepted_at: e.data.acceptedAt, accepted_by: e.data.acceptedBy },
        outcomeOf('accepted', e.recordedAt),
      );
      if (!row) return;
      await db.update(
        'lead_assignments',
        { lead_id: idOfStream(e.streamId), seq: Number(row.assignment_count) },
        { set: { answer_seconds: secondsSince(row.assigned_at, e.data.acceptedAt) } },
      );
      await countLead(db, e.recordedAt, row.region, e.data.partnerId, 'accepted');
    },
    LeadDeclined: async (db, e) => {
      const row = await answer(
        db,
        e,
        { status: 'declined', partner_id: null, accept_by: null, status_reason: e.data.reason },
        outcomeOf('declined', e.recordedAt, { outcome_reason: e.data.reason }),
      );
      if (row) await countLead(db, e.recordedAt, row.region, e.data.partnerId, 'declined');
    },
    LeadAcceptanceLapsed: async (db, e) => {
      const row = await answer(
        db,
        e,
        { status: 'lapsed', partner_id: null, accept_by: null },
        outcomeOf('lapsed', e.recordedAt),
      );
      if (row) await countLead(db, e.recordedAt, row.region, e.data.partnerId, 'lapsed');
    },
    LeadConverted: async (db, e) => {
      const row = await answer(db, e, {
        status: 'converted',
        converted_at: e.recordedAt,
        converted_by: e.data.convertedBy,
        deal_id: e.data.dealId,
        deal_status: 'submitted',
      });
      if (row) await countLead(db, e.recordedAt, row.region, e.data.partnerId, 'converted');
    },
    LeadDisqualified: async (db, e) => {
      const leadId = idOfStream(e.streamId);
      const open = await db.selectOne('leads', ['status'], { lead_id: leadId });
      const row = await answer(
        db,
        e,
        { status: 'disqualified', disqualified_at: e.recordedAt, status_reason: e.data.reason },
        // An offer still waiting for its answer ends with the disqualification.
        open?.status === 'assigned' ? outcomeOf('disqualified', e.recordedAt) : undefined,
      );
      if (row) await countLead(db, e.recordedAt, row.region, e.data.partnerId ?? '', 'disqualified');
    },
    ...dealHandlers,
  },
});
