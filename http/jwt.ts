import { createHmac, timingSafeEqual } from 'node:crypto';

/** Minimal HS256 JWTs: a signed `sub` with issue and expiry times; nothing else is needed here. */
export interface TokenClaims {
  readonly sub: string;
  readonly iat: number;
  readonly exp: number;
}

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const HEADER = encode({ alg: 'HS256', typ: 'JWT' });
const sign = (secret: string, input: string) => createHmac('sha256', secret).update(input).digest();

export const signToken = (secret: string, claims: TokenClaims): string => {
  const input = `${HEADER}.${encode(claims)}`;
  return `${input}.${sign(secret, input).toString('base64url')}`;
};

/** The claims when the signature is ours, the algorithm HS256 and the token unexpired; else undefined. */
export const verifyToken = (secret: string, token: string, nowSeconds: number): TokenClaims | undefined => {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [header, payload, signature] = parts;
  const expected = sign(secret, `${header}.${payload}`);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const h = JSON.parse(Buffer.from(header, 'base64url').toString()) as { alg?: string };
    if (h.alg !== 'HS256') return undefined;
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Partial<TokenClaims>;
    if (typeof claims.sub !== 'string' || typeof claims.exp !== 'number' || claims.exp <= nowSeconds) return undefined;
    return claims as TokenClaims;
  } catch {
    return undefined;
  }
};
