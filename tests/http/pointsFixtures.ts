import * as assert from 'uvu/assert';
import { at, list, num, obj, str } from '../support/json.js';
import type { TestApp } from '../support/testApp.js';
import { expectStatus } from './fixtures.js';

/** Waits until the policies have reacted to everything in the log and the read models include their awards. */
export const settle = async (t: TestApp) => {
  await t.platform.policies.waitFor(await t.eventCount());
  await t.platform.runner.waitFor(await t.eventCount());
};

/** A deal registered by `registrant` for `partnerId`, approved, then won for `amountMinor` EUR. */
export const wonDeal = async (
  t: TestApp,
  partnerId: string,
  registrant: string,
  amountMinor: number,
  domain = `customer-${Math.random().toString(36).slice(2, 8)}.com`,
) => {
  const deal = str(
    expectStatus(
      await t.post(
        '/deals',
        {
          partnerId,
          customer: { name: 'Initech', domain, country: 'DE' },
          productLine: 'storage',
          estimatedValue: { amountMinor, currency: 'EUR' },
          expectedCloseDate: '2026-09-30',
        },
        registrant,
      ),
      201,
    ).body,
    'id',
  );
  expectStatus(await t.post(`/deals/${deal}/approve`, {}), 200);
  const won = expectStatus(
    await t.post(`/deals/${deal}/won`, {
      amount: { amountMinor, currency: 'EUR' },
      closedAt: t.clock.now().toISOString(),
    }),
    200,
  );
  return { dealId: deal, position: num(won.body, 'position') };
};

export const points = async (t: TestApp, partnerId: string, token?: string, qs = '') =>
  obj(expectStatus(await t.get(`/partners/${partnerId}/points${qs}`, token), 200).body);

export const personBalance = (view: unknown, personId: string) => {
  const row = list(view, 'people').find((p) => at(p, 'personId') === personId);
  assert.ok(row, `no balance for ${personId}`);
  return at(row, 'balance');
};
