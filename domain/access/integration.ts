import type { Caller } from './principal.js';
import { hasVendorRole, isVendorAdmin } from './rules.js';

/**
 * Who may read the whole log as an integration (`GET /feed`, `GET /feed/stream`): vendor admins and
 * auditors. The authorisation hook for service accounts: API clients holding the `integration` role
 * are to be added here (and nowhere else), once API clients exist.
 */
export const mayReadEventFeed = (p: Caller): boolean => isVendorAdmin(p) || hasVendorRole(p, 'auditor');

/** Who subscribes webhooks, disables, enables, rotates and replays them, and reads their deliveries. */
export const mayManageWebhooks = (p: Caller): boolean => isVendorAdmin(p);
