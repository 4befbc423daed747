import type { Caller } from './principal.js';
import { hasVendorRole, isVendorAdmin } from './rules.js';

/**
 * Who may read the whole log as an integration (`GET /feed`, `GET /feed/stream`): vendor admins,
 * auditors, and API clients holding the `integration` role (DESIGN §11), which grants nothing else.
 */
export const mayReadEventFeed = (p: Caller): boolean =>
  isVendorAdmin(p) || hasVendorRole(p, 'auditor') || (p.kind === 'api-client' && p.integration);

/** Who subscribes webhooks, disables, enables, rotates and replays them, and reads their deliveries. */
export const mayManageWebhooks = (p: Caller): boolean => isVendorAdmin(p);
