/** Codes a rule can be broken with; the HTTP layer maps each to a status (DESIGN §6). */
export type DomainErrorCode =
  | 'invalid_state'
  | 'duplicate'
  | 'channel_conflict'
  | 'not_found'
  | 'forbidden'
  | 'validation_failed'
  | 'insufficient_funds'
  | 'insufficient_points'
  | 'limit_exceeded'
  /** Lead routing found no partner the rule allows (DESIGN §13). */
  | 'no_eligible_partner';

export interface DomainError {
  readonly code: DomainErrorCode;
  readonly message: string;
  /** Field paths for validation-like refusals detected by the domain (e.g. a date in the past). */
  readonly errors?: ReadonlyArray<{ path: string; message: string }>;
  readonly details?: Readonly<Record<string, unknown>>;
}

export const domainError = (
  code: DomainErrorCode,
  message: string,
  extra: Pick<DomainError, 'errors' | 'details'> = {},
): DomainError => ({ code, message, ...extra });
