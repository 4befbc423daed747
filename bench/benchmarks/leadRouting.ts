import * as E from 'fp-ts/lib/Either.js';
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { commandLayer } from '../../commands/commandLayer.js';
import { readModelLeadCandidates } from '../../commands/lead/leadCandidates.js';
import { RegisterLeadBody } from '../../commands/lead/leadSchemas.js';
import { ADMIN_KEY_PRINCIPAL } from '../../domain/access/index.js';
import { defaultProductLines } from '../../domain/shared/index.js';
import type { Benchmark } from '../harness/benchmark.js';
import { drive } from '../harness/drive.js';
import { percentile, round } from '../harness/stats.js';
import { benchPlatform, projectionsCaughtUp } from '../fixtures/benchPlatform.js';
import { contextFor, must } from '../fixtures/partnerWork.js';
import { seededChannel } from './seed.js';

const CALLERS = 64;

/**
 * Lead routing (DESIGN §13) on a copy of the seeded channel: leads registered across its regions and
 * product lines, then routed by 64 concurrent callers through the command layer (eligibility from the
 * read models, loads from the partners' lead-load streams, routings of a region queued in turn).
 */
export const leadRouting: Benchmark = {
  name: 'leadRouting',
  title: 'Lead routing on the seeded channel',
  description: `route commands by ${CALLERS} concurrent callers on a copy of the seeded store, projections live`,
  needs: ['seed'],
  run: async (ctx) => {
    const seeded = await seededChannel(ctx);
    const file = join(ctx.tempDir('lead-routing'), 'prm.db');
    for (const suffix of ['', '-wal', '-shm'])
      if (existsSync(`${seeded.file}${suffix}`)) copyFileSync(`${seeded.file}${suffix}`, `${file}${suffix}`);
    const count = ctx.options.quick ? 500 : 5000;
    const platform = await benchPlatform('', { file });
    try {
      await projectionsCaughtUp(platform);
      const cmd = commandLayer({
        pipeline: platform.pipeline,
        ids: platform.ids,
        leadCandidates: readModelLeadCandidates(platform.reader),
      });
      const regions = (
        await platform.reader.all<{ region: string }>(
          `SELECT DISTINCT region FROM partners WHERE status = 'active' ORDER BY region`,
        )
      ).map((r) => r.region);
      const leads: string[] = [];
      await drive(CALLERS, count, async (i) => {
        const body = RegisterLeadBody.parse({
          customer: { name: `Bench Customer ${i}`, domain: `bench-lead-${i}.example.com`, country: 'DE' },
          region: regions[i % regions.length],
          productLine: defaultProductLines[i % defaultProductLines.length],
          source: 'benchmark',
        });
        leads.push(
          (await must('lead registration', cmd.lead.register(contextFor(platform.ids), ADMIN_KEY_PRINCIPAL, body))).id,
        );
      });
      const run = await drive(CALLERS, leads.length, (i) =>
        cmd.lead.route(contextFor(platform.ids), ADMIN_KEY_PRINCIPAL, { leadId: leads[i] }),
      );
      const refused = run.results.filter(E.isLeft);
      const noPartner = refused.filter((r) => r.left.code === 'no_eligible_partner').length;
      const perSec = leads.length / (run.ms / 1000);
      ctx.log(
        `leadRouting: ${Math.round(perSec)} routings/s, ${noPartner} without an eligible partner, ` +
          `${refused.length - noPartner} failed`,
      );
      return {
        figures: [
          {
            key: 'routesPerSec',
            label: `route commands, ${CALLERS} callers`,
            value: round(perSec, 0),
            unit: 'commands/s',
          },
          {
            key: 'routeP50Ms',
            label: 'routing latency p50',
            value: round(percentile(run.latencies, 50), 2),
            unit: 'ms',
          },
          {
            key: 'routeP99Ms',
            label: 'routing latency p99',
            value: round(percentile(run.latencies, 99), 2),
            unit: 'ms',
          },
          {
            key: 'failed',
            label: 'routings refused or failed (no eligible partner aside)',
            value: refused.length - noPartner,
            unit: 'commands',
          },
        ],
        details: {
          callers: CALLERS,
          leads: leads.length,
          regions: regions.length,
          noEligiblePartner: noPartner,
          partners: seeded.report.partners,
          seconds: round(run.ms / 1000, 2),
        },
      };
    } finally {
      await platform.close();
    }
  },
};
