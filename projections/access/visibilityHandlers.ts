import { canonicalAudience, type Audience } from '../../domain/content/index.js';
import type { StoredEvent } from '../../eventstore/port.js';
import type { SqlDb } from '../../infra/sql/sqlDb.js';
import { idOfStream } from '../streamIds.js';
import { reevaluateCertification, reevaluateContent, reevaluatePartner, reevaluatePerson } from './visibilityEvaluation.js';

type E<D> = StoredEvent<D>;
type Handler = (db: SqlDb, event: StoredEvent<never>) => Promise<void>;

const partner: Handler = (db, e) => reevaluatePartner(db, idOfStream(e.streamId));
const person: Handler = (db, e) => reevaluatePerson(db, idOfStream(e.streamId));

const setAudience = async (db: SqlDb, e: StoredEvent, audience: Audience) => {
  const contentId = idOfStream(e.streamId);
  await db.run('UPDATE access_contents SET audience = ?, changed_at = ?, version = ?, changed_position = ? WHERE content_id = ?', [
    JSON.stringify(canonicalAudience(audience)), e.recordedAt, e.version, e.position, contentId,
  ]);
  await reevaluateContent(db, contentId, audience);
};

/**
 * Who sees which content item until when (DESIGN §5, README "Content and visibility"). Runs after the
 * principal handlers of the same event, so access_principals already holds the person's new employer.
 * A program's retirement changes nothing: certifications already earned stay valid until they expire.
 */
export const visibilityHandlers: Record<string, Handler> = {
  PartnerApproved: partner,
  PartnerRejected: partner,
  PartnerActivated: partner,
  PartnerReinstated: partner,
  PartnerSuspended: partner,
  PartnerTerminated: partner,
  PartnerTierChanged: partner,
  PartnerRegionChanged: partner,
  VendorRoleGranted: person,
  VendorRoleRevoked: person,
  EmployeeJoined: person,
  EmployeeRoleChanged: person,
  EmployeeLeft: person,
  CertificationEarned: async (db, e: E<{ programId: string; expiresAt: string }>) => {
    const personId = idOfStream(e.streamId);
    await db.run(
      `INSERT INTO access_certifications (person_id, program_id, expires_at, revoked) VALUES (?, ?, ?, 0)
       ON CONFLICT (person_id, program_id) DO UPDATE SET expires_at = excluded.expires_at, revoked = 0`,
      [personId, e.data.programId, e.data.expiresAt],
    );
    await reevaluateCertification(db, personId, e.data.programId);
  },
  CertificationRenewed: async (db, e: E<{ programId: string; expiresAt: string }>) => {
    const personId = idOfStream(e.streamId);
    await db.run('UPDATE access_certifications SET expires_at = ? WHERE person_id = ? AND program_id = ?', [e.data.expiresAt, personId, e.data.programId]);
    await reevaluateCertification(db, personId, e.data.programId);
  },
  CertificationRevoked: async (db, e: E<{ programId: string }>) => {
    const personId = idOfStream(e.streamId);
    await db.run('UPDATE access_certifications SET revoked = 1 WHERE person_id = ? AND program_id = ?', [personId, e.data.programId]);
    await reevaluateCertification(db, personId, e.data.programId);
  },
  ContentPublished: async (db, e: E<{ contentId: string; title: string; kind: string; uri: string; audience: Audience }>) => {
    const { contentId, title, kind, uri, audience } = e.data;
    await db.run(
      `INSERT INTO access_contents (content_id, title, kind, uri, audience, status, published_at, changed_at, version, changed_position)
       VALUES (?, ?, ?, ?, ?, 'published', ?, ?, ?, ?)`,
      [contentId, title, kind, uri, JSON.stringify(canonicalAudience(audience)), e.recordedAt, e.recordedAt, e.version, e.position],
    );
    await reevaluateContent(db, contentId, audience);
  },
  ContentAudienceChanged: (db, e: E<{ audience: Audience }>) => setAudience(db, e, e.data.audience),
  ContentRetired: async (db, e) => {
    const contentId = idOfStream(e.streamId);
    await db.run(`UPDATE access_contents SET status = 'retired', retired_at = ?, changed_at = ?, version = ?, changed_position = ? WHERE content_id = ?`, [
      e.recordedAt, e.recordedAt, e.version, e.position, contentId,
    ]);
    await db.run('DELETE FROM access_visible_content WHERE content_id = ?', [contentId]);
  },
};
