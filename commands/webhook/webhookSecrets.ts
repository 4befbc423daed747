import { createHmac } from 'node:crypto';

/**
 * A subscription's signing secret (Standard Webhooks: `whsec_` + base64 of the key bytes). Derived
 * from the server's webhook key, the webhook id and the secret's version, never stored: the log holds
 * only the version, so nothing auditors, the feed or other webhooks read reveals a secret, and a
 * restart (or another node with the same key) signs with the same secret.
 */
export const webhookSecret = (signingKey: string, webhookId: string, version: number): string =>
  `whsec_${createHmac('sha256', signingKey).update(`webhook-secret/${webhookId}/${version}`).digest('base64')}`;
