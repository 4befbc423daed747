import { domainError, type DomainError, type Money } from '../shared/index.js';
import { isExpired, type FundState } from './state.js';

const field = (path: string, message: string): DomainError =>
  domainError('validation_failed', `${path} ${message}`, { errors: [{ path, message }] });

/** Open and not expired: the fund takes new requests, decisions and claims. */
export const refuseUnlessActive = (s: FundState, now: Date): DomainError | undefined => {
  if (s.status === 'closed') return domainError('invalid_state', 'the fund is closed');
  if (isExpired(s, now)) return domainError('invalid_state', `the fund expired at ${s.expiresAt}`);
  return undefined;
};

/** Same currency as the fund and more than zero; `path` names the field (`amount`, `approvedAmount`). */
export const refuseBadAmount = (s: FundState, money: Money, path: string): DomainError | undefined => {
  if (money.currency !== s.currency) return field(`${path}.currency`, `must be ${s.currency}, the fund's currency`);
  if (money.amountMinor <= 0) return field(`${path}.amountMinor`, 'must be more than zero');
  return undefined;
};

export { field };
