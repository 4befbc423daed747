import { defineProjection } from '../runner/projection.js';
import { idOfStream } from '../streamIds.js';

/**
 * Joint business plans and partner locations (DESIGN §13). A plan's progress is never projected: the
 * read API computes it from the scorecard figures of its period when asked, so it is always current.
 */
export const plansProjection = defineProjection({
  name: 'plans',
  tables: ['employee_locations', 'partner_locations', 'partner_plans'],
  handlers: {
    BusinessPlanCreated: (db, e) =>
      db.insert('partner_plans', {
        plan_id: e.data.planId,
        partner_id: e.data.partnerId,
        period: e.data.period,
        objectives: JSON.stringify(e.data.objectives),
        notes: e.data.notes ?? null,
        created_by: e.data.createdBy,
        created_at: e.recordedAt,
        version: e.version,
      }),
    BusinessPlanRevised: (db, e) =>
      db.update(
        'partner_plans',
        { plan_id: idOfStream(e.streamId) },
        {
          set: {
            objectives: JSON.stringify(e.data.objectives),
            notes: e.data.notes ?? null,
            revised_at: e.recordedAt,
            version: e.version,
          },
        },
      ),
    LocationOpened: async (db, e) => {
      const partnerId = idOfStream(e.streamId);
      // A new primary location demotes the previous one.
      if (e.data.primary) await db.update('partner_locations', { partner_id: partnerId }, { set: { is_primary: 0 } });
      await db.insert('partner_locations', {
        location_id: e.data.locationId,
        partner_id: partnerId,
        name: e.data.name,
        country: e.data.country,
        city: e.data.city,
        is_primary: e.data.primary ? 1 : 0,
        status: 'open',
        opened_at: e.recordedAt,
      });
    },
    LocationClosed: (db, e) =>
      db.update(
        'partner_locations',
        { location_id: e.data.locationId },
        { set: { status: 'closed', is_primary: 0, closed_at: e.recordedAt, close_reason: e.data.reason ?? null } },
      ),
    EmployeeLocationNamed: (db, e) =>
      db.upsert(
        'employee_locations',
        {
          person_id: e.data.personId,
          partner_id: idOfStream(e.streamId),
          location_id: e.data.locationId,
          named_at: e.recordedAt,
        },
        { set: ['partner_id', 'location_id', 'named_at'] },
      ),
  },
});
