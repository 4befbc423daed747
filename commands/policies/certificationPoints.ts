import { personDecider } from '../../domain/person/index.js';
import { programDecider, programStream } from '../../domain/program/index.js';
import { awardPoints } from './awardPoints.js';
import type { Policy } from './policy.js';
import { stateAtVersion } from './sourceFacts.js';

const NAME = 'points-for-certifications';

/**
 * CertificationEarned -> PointsEarned: the program's points, to the partner the person worked for
 * when they earned it, attributed to the person. Vendor staff and people between employers earn none
 * (points live on a partner's ledger).
 */
export const certificationPointsPolicy: Policy = {
  name: NAME,
  eventTypes: ['CertificationEarned'],
  handle: async (event, deps) => {
    const person = await stateAtVersion(deps.store, personDecider, event.streamId, event.version);
    const partnerId = person.employment?.partnerId;
    if (!partnerId || !person.personId) return;
    const { programId } = event.data as { programId: string };
    const program = await stateAtVersion(deps.store, programDecider, programStream(programId), Number.MAX_SAFE_INTEGER);
    await awardPoints(deps, NAME, event, {
      partnerId,
      personId: person.personId,
      points: program.points ?? 0,
      reason: `certification ${program.name ?? programId} earned`,
    });
  },
};
