/**
 * Prints the README's documentation of the analytics views and the channel KPIs from their declarations:
 * `npx tsx tools/analyticsReadme.ts`. The README must say exactly this
 * (tests/projections/analyticsDocs.test.ts); paste the output over the old tables after changing a view,
 * then `npm run format` (Biome aligns the tables).
 */
import { analyticsViewDocs, kpiTable } from '../projections/analytics/analyticsDocs.js';

console.log(`${kpiTable()}\n\n${analyticsViewDocs()}`);
