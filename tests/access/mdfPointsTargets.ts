import * as assert from 'uvu/assert';
import { str } from '../support/json.js';
import type { MatrixWorld } from './matrixWorld.js';

/**
 * Fresh MDF and points targets for the role × route matrix, made with the admin key on the own
 * partner: each attempt expected to succeed gets its own fund, request or claim.
 */
let periods = 0;
const shared = new WeakMap<MatrixWorld, Promise<string>>();
const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });
export const mdfProof = [{ name: 'Photos', uri: 'https://files.example.com/matrix.zip' }];

const created = async (w: MatrixWorld, url: string, body: unknown, status: number): Promise<string> => {
  const r = await w.t.post(url, body);
  assert.is(r.status, status, `POST ${url}: ${r.status} ${JSON.stringify(r.body)}`);
  return str(r.body, 'id');
};

/** A period no fund of the own partner has yet (one fund per partner and period). */
export const freshPeriod = () => {
  periods += 1;
  return `${2100 + periods}-Q1`;
};
/** The body of a new fund for the own partner. */
export const fundBody = (w: MatrixWorld) => ({
  partnerId: w.own,
  period: freshPeriod(),
  amount: eur(1_000_000_000_000),
  expiresAt: '2099-12-31T00:00:00Z',
});
export const freshFund = (w: MatrixWorld) => created(w, '/mdf/funds', fundBody(w), 201);
/** One large fund shared by the attempts that only add requests and claims to it. */
export const sharedFund = (w: MatrixWorld): Promise<string> => {
  let fund = shared.get(w);
  if (!fund) {
    fund = freshFund(w);
    shared.set(w, fund);
  }
  return fund;
};
export const freshRequest = async (w: MatrixWorld) => {
  const fundId = await sharedFund(w);
  const requestId = await created(
    w,
    `/mdf/funds/${fundId}/requests`,
    { activity: 'event', description: 'Matrix', amount: eur(100) },
    201,
  );
  return { fundId, requestId };
};
export const freshApprovedRequest = async (w: MatrixWorld) => {
  const r = await freshRequest(w);
  await created(w, `/mdf/funds/${r.fundId}/requests/${r.requestId}/approve`, { approvedAmount: eur(100) }, 200);
  return r;
};
export const freshClaim = async (w: MatrixWorld, approved = false) => {
  const { fundId, requestId } = await freshApprovedRequest(w);
  const claimId = await created(
    w,
    `/mdf/funds/${fundId}/claims`,
    { requestId, amount: eur(100), proof: mdfProof },
    201,
  );
  if (approved) await created(w, `/mdf/funds/${fundId}/claims/${claimId}/approve`, { approvedAmount: eur(100) }, 200);
  return { fundId, claimId };
};
/** Gives the own sales person a point to redeem. */
export const pointForSalesOwn = (w: MatrixWorld) =>
  created(
    w,
    `/partners/${w.own}/points/adjustments`,
    { points: 1, reason: 'matrix', personId: w.people.sales_own },
    200,
  );
