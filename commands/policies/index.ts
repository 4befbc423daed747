import { certificationPointsPolicy } from './certificationPoints.js';
import { dealWonPointsPolicy } from './dealWonPoints.js';
import type { Policy } from './policy.js';

export * from './policy.js';
export * from './policyRunner.js';
export { awardPoints } from './awardPoints.js';
export { certificationPointsPolicy } from './certificationPoints.js';
export { dealWonPointsPolicy } from './dealWonPoints.js';

/** Every policy the server runs, each with its own checkpoint. */
export const allPolicies: readonly Policy[] = [dealWonPointsPolicy, certificationPointsPolicy];
