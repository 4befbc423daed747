import { z } from 'zod';
import { LocationId } from '../../domain/shared/index.js';
import type { SqlDb } from '../../infra/sql/sqlDb.js';
import { CountryOut, InstantOut, named } from '../../http/contract.js';

export const LocationStatus = z.enum(['open', 'closed']);
export type LocationStatus = z.infer<typeof LocationStatus>;
/** A partner's office, warehouse or branch, with the current employees who named it as theirs. */
export const LocationOut = named(
  'Location',
  z.object({
    id: LocationId,
    name: z.string(),
    country: CountryOut,
    city: z.string(),
    primary: z.boolean(),
    status: LocationStatus,
    openedAt: InstantOut,
    closedAt: InstantOut.nullable(),
    employees: z.number().int(),
  }),
);

/**
 * A partner's locations, open ones first (the primary at the top), each with the number of current
 * employees who named it as theirs.
 */
export const partnerLocations = async (db: SqlDb, partnerId: string): Promise<z.input<typeof LocationOut>[]> => {
  const rows = await db.all<{
    location_id: string;
    name: string;
    country: string;
    city: string;
    is_primary: number;
    status: string;
    opened_at: string;
    closed_at: string | null;
    employees: number;
  }>(
    `SELECT l.location_id, l.name, l.country, l.city, l.is_primary, l.status, l.opened_at, l.closed_at,
       (SELECT COUNT(*) FROM employee_locations e JOIN people pe ON pe.person_id = e.person_id
        WHERE e.location_id = l.location_id AND pe.partner_id = l.partner_id) AS employees
     FROM partner_locations l WHERE l.partner_id = ?
     ORDER BY l.status = 'closed', l.is_primary DESC, l.name, l.location_id`,
    [partnerId],
  );
  return rows.map((r) => ({
    id: r.location_id,
    name: r.name,
    country: r.country,
    city: r.city,
    primary: Number(r.is_primary) === 1,
    status: r.status as LocationStatus,
    openedAt: r.opened_at,
    closedAt: r.closed_at,
    employees: Number(r.employees),
  }));
};
