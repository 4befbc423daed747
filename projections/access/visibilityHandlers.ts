import { canonicalAudience, type Audience } from '../../domain/content/index.js';
import type { StoredEvent } from '../../eventstore/port.js';
import type { ReadModelDb } from '../readModels/readModelDb.js';
import type { EnvelopeHandler, Handlers } from '../runner/projection.js';
import { idOfStream } from '../streamIds.js';
import { catalogChanged } from './contentCatalog.js';
import {
  reevaluateCertification,
  reevaluateContent,
  reevaluatePartner,
  reevaluatePerson,
} from './visibilityEvaluation.js';

const partner: EnvelopeHandler = (db, e) => reevaluatePartner(db, idOfStream(e.streamId));
const person: EnvelopeHandler = (db, e) => reevaluatePerson(db, idOfStream(e.streamId));

const setAudience = async (db: ReadModelDb, e: StoredEvent, audience: Audience) => {
  const contentId = idOfStream(e.streamId);
  await db.update(
    'access_contents',
    { content_id: contentId },
    {
      set: {
        audience: JSON.stringify(canonicalAudience(audience)),
        changed_at: e.recordedAt,
        version: e.version,
        changed_position: e.position,
      },
    },
  );
  catalogChanged(db);
  await reevaluateContent(db, contentId, audience);
};

/**
 * Who sees which content item until when (DESIGN §5, README "Content and visibility"). Runs after the
 * principal handlers of the same event, so access_principals already holds the person's new employer.
 * A program's retirement changes nothing: certifications already earned stay valid until they expire.
 */
export const visibilityHandlers: Handlers = {
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
  CertificationEarned: async (db, e) => {
    const personId = idOfStream(e.streamId);
    await db.upsert(
      'access_certifications',
      { person_id: personId, program_id: e.data.programId, expires_at: e.data.expiresAt, revoked: 0 },
      {
        set: ['expires_at', 'revoked'],
      },
    );
    await reevaluateCertification(db, personId, e.data.programId);
  },
  CertificationRenewed: async (db, e) => {
    const personId = idOfStream(e.streamId);
    await db.update(
      'access_certifications',
      { person_id: personId, program_id: e.data.programId },
      { set: { expires_at: e.data.expiresAt } },
    );
    await reevaluateCertification(db, personId, e.data.programId);
  },
  CertificationRevoked: async (db, e) => {
    const personId = idOfStream(e.streamId);
    await db.update(
      'access_certifications',
      { person_id: personId, program_id: e.data.programId },
      { set: { revoked: 1 } },
    );
    await reevaluateCertification(db, personId, e.data.programId);
  },
  ContentPublished: async (db, e) => {
    const { contentId, title, kind, uri, audience } = e.data;
    await db.insert('access_contents', {
      content_id: contentId,
      title,
      kind,
      uri,
      audience: JSON.stringify(canonicalAudience(audience)),
      status: 'published',
      published_at: e.recordedAt,
      changed_at: e.recordedAt,
      version: e.version,
      changed_position: e.position,
    });
    catalogChanged(db);
    await reevaluateContent(db, contentId, audience);
  },
  ContentAudienceChanged: (db, e) => setAudience(db, e, e.data.audience),
  ContentRetired: async (db, e) => {
    const contentId = idOfStream(e.streamId);
    await db.update(
      'access_contents',
      { content_id: contentId },
      {
        set: {
          status: 'retired',
          retired_at: e.recordedAt,
          changed_at: e.recordedAt,
          version: e.version,
          changed_position: e.position,
        },
      },
    );
    catalogChanged(db);
    await db.delete('access_visible_content', { content_id: contentId });
  },
};
