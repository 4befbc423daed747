/**
 * `tsx bench/profile/profileDealsWon.ts <out.cpuprofile> [deals]`: deals registered and approved first
 * (not profiled), then each reported won by the admin key, 64 callers, under the profiler until the
 * projections and the policies have processed every win: the points policy awards points for each and
 * issues its own command. Where a won deal's time goes, the policy's included.
 * `PRM_PROJECTION_WORKER=true` puts the projections on their worker.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { dealCommands } from '../../commands/deal/dealCommands.js';
import { RegisterDealBody } from '../../commands/deal/dealSchemas.js';
import { ADMIN_KEY_PRINCIPAL } from '../../domain/access/index.js';
import { drive } from '../harness/drive.js';
import { benchPlatform, projectionsCaughtUp } from '../fixtures/benchPlatform.js';
import { plannedRegistrations, seedRegistrants } from '../fixtures/dealWork.js';
import { contextFor, seedPartners } from '../fixtures/partnerWork.js';
import { cpuProfile } from './cpuProfile.js';

const [out = 'dealsWon.cpuprofile', count = '20000'] = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), 'prm-profile-'));
const platform = await benchPlatform(dir);
try {
  const deals = dealCommands({ pipeline: platform.pipeline, ids: platform.ids });
  const registrants = await seedRegistrants(platform, await seedPartners(platform, 512));
  const approved = async (n: number, first: number) => {
    const planned = plannedRegistrations(registrants, n, { first });
    const registered = await drive(64, n, (i) => {
      const { principal, personId } = registrants[planned[i].registrant];
      const body = RegisterDealBody.parse(planned[i].body);
      return deals.register(contextFor(platform.ids, { kind: 'person', id: personId }), principal, body);
    });
    const ids = registered.results.flatMap((r) => (E.isRight(r) ? [r.right.id] : []));
    await drive(64, ids.length, (i) => deals.approve(contextFor(platform.ids), ADMIN_KEY_PRINCIPAL, ids[i], {}));
    return ids;
  };
  const won = (ids: readonly string[]) =>
    drive(64, ids.length, (i) =>
      deals.win(contextFor(platform.ids), ADMIN_KEY_PRINCIPAL, ids[i], {
        amount: { amountMinor: 2_500_000, currency: 'EUR' },
        closedAt: new Date().toISOString(),
      }),
    );
  const total = Number(count);
  const warm = await approved(2000, total);
  const measured = await approved(total, 0);
  await won(warm);
  await projectionsCaughtUp(platform);
  const before = await platform.store.headPosition();
  // Until the policies too have processed every win: the points policy follows the log on its own.
  let wonMs = 0;
  const { ms, results } = await cpuProfile(out, async () => {
    const r = await won(measured);
    wonMs = r.ms;
    const head = await platform.store.headPosition();
    await Promise.all([projectionsCaughtUp(platform), platform.policies.waitFor(head)]);
    return r;
  });
  const failed = results.filter(E.isLeft).length;
  const appended = (await platform.store.headPosition()) - before;
  console.log(
    `${Math.round(measured.length / (ms / 1000))} wins/s with their points, ${failed} failed, ` +
      `${appended} events appended with the policy's; the wins alone took ${Math.round(wonMs)} ms of ${Math.round(ms)}`,
  );
} finally {
  await platform.close();
  rmSync(dir, { recursive: true, force: true });
}
