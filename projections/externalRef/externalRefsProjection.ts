import { defineProjection } from '../runner/projection.js';

/** Who is known by which id in which external system (partners, people, deals), for views and lookups. */
export const externalRefsProjection = defineProjection({
  name: 'external_refs',
  tables: ['external_refs'],
  handlers: {
    ExternalRefLinked: (db, e) =>
      db.upsert(
        'external_refs',
        {
          owner_kind: e.data.ownerKind,
          owner_id: e.data.ownerId,
          system: e.data.system,
          external_id: e.data.externalId,
          linked_at: e.recordedAt,
          linked_by: e.metadata.actor.id,
        },
        { set: ['external_id', 'linked_at', 'linked_by'] },
      ),
    ExternalRefUnlinked: (db, e) =>
      db.delete('external_refs', { owner_kind: e.data.ownerKind, owner_id: e.data.ownerId, system: e.data.system }),
  },
});
