/**
 * The canonical form of an email address: trimmed and lower-case. Addresses are unique
 * case-insensitively, so this is the identity the email reservation stream enforces; since
 * PersonRegistered v2 the event holds it (v1 held the address as typed; app/upcasters.ts).
 */
export const canonicalEmail = (email: string): string => email.trim().toLowerCase();
