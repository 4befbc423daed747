import type { Api } from './api.js';
import type { Me, Partner } from './types.js';
import { label } from './ui/format.js';

/** Who is signed in, as the console needs it: which pages, which scope, and how to say so in the header. */
export interface Viewer {
  readonly me: Me;
  /** Vendor staff (the admin key or any vendor role) get the vendor console; partner people their home. */
  readonly vendor: boolean;
  readonly isVendorAdmin: boolean;
  /** A channel manager limited to some regions (undefined: every region, or not a manager). */
  readonly regions?: readonly string[];
  readonly personId?: string;
  readonly partner?: { readonly id: string; readonly name: string; readonly role: string };
  readonly description: string;
}

export const loadViewer = async (api: Api): Promise<Viewer> => {
  const me = await api.get<Me>('/me');
  const p = me.principal;
  if (p.kind === 'admin-key') return { me, vendor: true, isVendorAdmin: true, description: 'Admin key · vendor admin' };
  const employer = p.employer;
  // The header names the partner, never its id.
  const partner = employer
    ? await api.get<Partner>(`/partners/${encodeURIComponent(employer.partnerId)}`).catch(() => undefined)
    : undefined;
  const managing = p.vendorRoles.filter((g) => g.role === 'channel_manager');
  const regions =
    managing.length && managing.every((g) => g.regions) ? managing.flatMap((g) => g.regions ?? []) : undefined;
  const roles = p.vendorRoles.map((g) => `${label(g.role)}${g.regions ? ` (${g.regions.join(', ')})` : ''}`);
  const work = employer ? [`${label(employer.role)} at ${partner?.name ?? 'their partner'}`] : [];
  return {
    me,
    vendor: p.vendorRoles.length > 0,
    isVendorAdmin: p.vendorRoles.some((g) => g.role === 'vendor_admin'),
    regions,
    personId: p.personId,
    partner: employer
      ? { id: employer.partnerId, name: partner?.name ?? employer.partnerId, role: employer.role }
      : undefined,
    description: `${me.profile?.name ?? p.personId} · ${[...roles, ...work].join(', ') || 'no role'}`,
  };
};
