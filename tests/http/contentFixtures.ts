import * as assert from 'uvu/assert';
import { at, str, strOrNull } from '../support/json.js';
import type { TestApp } from '../support/testApp.js';
import { expectStatus } from './fixtures.js';

/** Shared setup of the content specs: publishing through the API and reading what a caller sees. */

export const contentBody = (audience: Record<string, unknown> = {}, over: Record<string, unknown> = {}) => ({
  title: 'Storage battle card',
  kind: 'collateral',
  uri: 'https://cdn.example/battle-card.pdf',
  audience,
  ...over,
});

export const publish = async (
  t: TestApp,
  audience: Record<string, unknown> = {},
  over: Record<string, unknown> = {},
  token?: string,
) => str(expectStatus(await t.post('/content', contentBody(audience, over), token), 201).body, 'id');

/** Ids of every item the token's holder sees now, across pages. */
export const visibleIds = async (t: TestApp, token: string | undefined, query = ''): Promise<string[]> => {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const sep = query ? '&' : '';
    const r = expectStatus(
      await t.get(`/content?limit=500${sep}${query}${cursor ? `&cursor=${cursor}` : ''}`, token),
      200,
    );
    ids.push(...(at(r.body, 'items') as { id: string }[]).map((i) => i.id));
    cursor = strOrNull(r.body, 'nextCursor');
  } while (cursor);
  return ids;
};

/** Asserts exactly which of `among` the holder of `token` sees now (other items are ignored). */
export const seesExactly = async (
  t: TestApp,
  token: string,
  among: readonly string[],
  expected: readonly string[],
  label = '',
) => {
  const seen = new Set(await visibleIds(t, token));
  assert.equal(among.filter((id) => seen.has(id)).sort(), [...expected].sort(), label);
};
