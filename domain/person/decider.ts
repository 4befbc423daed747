import * as E from 'fp-ts/lib/Either.js';
import { addDays, domainError, type Decider } from '../shared/index.js';
import { canonicalEmail } from './canonicalEmail.js';
import type { PersonCommand } from './commands.js';
import * as ev from './events.js';
import type { PersonEvent } from './events.js';
import { initialPersonState, isCertificationValid, type PersonState } from './state.js';

const ok = (...events: PersonEvent[]) => E.right(events);
const refuse = (message: string) => E.left(domainError('invalid_state', message));
const sameRegions = (a: readonly string[] | undefined, b: readonly string[] | undefined) =>
  JSON.stringify([...(a ?? [])].sort()) === JSON.stringify([...(b ?? [])].sort()) &&
  (a === undefined) === (b === undefined);

export const evolve = (state: PersonState, event: PersonEvent): PersonState => {
  switch (event.type) {
    case 'PersonRegistered':
      return { ...state, status: 'registered', ...event.data };
    case 'VendorRoleGranted': {
      const { role, regions } = event.data;
      return { ...state, vendorRoles: { ...state.vendorRoles, [role]: regions ? { regions } : {} } };
    }
    case 'VendorRoleRevoked': {
      const { [event.data.role]: _revoked, ...rest } = state.vendorRoles;
      return { ...state, vendorRoles: rest };
    }
    case 'EmployeeJoined':
      return { ...state, employment: { partnerId: event.data.partnerId, role: event.data.role } };
    case 'EmployeeRoleChanged':
      return state.employment ? { ...state, employment: { ...state.employment, role: event.data.to } } : state;
    case 'EmployeeLeft':
      return { ...state, employment: undefined };
    case 'CertificationEarned': {
      const { programId, earnedAt, expiresAt } = event.data;
      return {
        ...state,
        certifications: { ...state.certifications, [programId]: { earnedAt, expiresAt, revoked: false } },
      };
    }
    case 'CertificationRenewed': {
      const current = state.certifications[event.data.programId];
      if (!current) return state;
      return {
        ...state,
        certifications: {
          ...state.certifications,
          [event.data.programId]: { ...current, expiresAt: event.data.expiresAt },
        },
      };
    }
    case 'CertificationRevoked': {
      const current = state.certifications[event.data.programId];
      if (!current) return state;
      return {
        ...state,
        certifications: { ...state.certifications, [event.data.programId]: { ...current, revoked: true } },
      };
    }
  }
};

const decide = (command: PersonCommand, state: PersonState, now: Date) => {
  if (command.type === 'RegisterPerson') {
    return state.status === 'none'
      ? ok(ev.PersonRegistered.create({ ...command.data, email: canonicalEmail(command.data.email) }))
      : E.left(domainError('duplicate', 'person already exists'));
  }
  if (state.status === 'none') return E.left(domainError('not_found', 'person not found'));
  switch (command.type) {
    case 'GrantVendorRole': {
      // Vendor staff and partner employees never mix: a vendor role would see every partner.
      if (state.employment) return refuse('a partner employee cannot hold a vendor role');
      const held = state.vendorRoles[command.data.role];
      if (held && sameRegions(held.regions, command.data.regions))
        return refuse(`role ${command.data.role} is already granted`);
      return ok(ev.VendorRoleGranted.create(command.data));
    }
    case 'RevokeVendorRole':
      return state.vendorRoles[command.data.role]
        ? ok(ev.VendorRoleRevoked.create(command.data))
        : refuse(`role ${command.data.role} is not held`);
    case 'JoinPartner': {
      const { partnerId, role, partnerStatus, currentEmployerStatus } = command.data;
      if (partnerStatus === 'none') return E.left(domainError('not_found', 'partner not found'));
      if (Object.keys(state.vendorRoles).length > 0) return refuse('vendor staff cannot join a partner');
      if (partnerStatus !== 'approved' && partnerStatus !== 'active')
        return refuse(`cannot join a partner that is ${partnerStatus}`);
      if (state.employment?.partnerId === partnerId) return refuse('already works for this partner');
      if (!state.employment) return ok(ev.EmployeeJoined.create({ partnerId, role }));
      // One employer at a time; a terminated employer no longer holds anyone.
      if (currentEmployerStatus !== 'terminated') return refuse('already works for another partner: leave first');
      return ok(
        ev.EmployeeLeft.create({ partnerId: state.employment.partnerId, reason: 'partner terminated' }),
        ev.EmployeeJoined.create({ partnerId, role }),
      );
    }
    case 'ChangeEmployeeRole': {
      if (state.employment?.partnerId !== command.data.partnerId)
        return E.left(domainError('not_found', 'not an employee of this partner'));
      if (state.employment.role === command.data.role) return refuse(`already has role ${command.data.role}`);
      return ok(
        ev.EmployeeRoleChanged.create({
          partnerId: command.data.partnerId,
          from: state.employment.role,
          to: command.data.role,
        }),
      );
    }
    case 'LeavePartner':
      if (state.employment?.partnerId !== command.data.partnerId)
        return E.left(domainError('not_found', 'not an employee of this partner'));
      return ok(ev.EmployeeLeft.create(command.data));
    case 'EarnCertification': {
      const { programId, earnedAt, validForDays, programStatus } = command.data;
      if (programStatus === 'none') return E.left(domainError('not_found', 'program not found'));
      if (programStatus !== 'active') return refuse('the program is retired');
      if (Date.parse(earnedAt) > now.getTime())
        return E.left(
          domainError('validation_failed', 'earnedAt is in the future', {
            errors: [{ path: 'earnedAt', message: 'must not be in the future' }],
          }),
        );
      if (isCertificationValid(state.certifications[programId], now))
        return refuse('certification is already held and valid: renew it instead');
      const expiresAt = addDays(new Date(earnedAt), validForDays);
      if (expiresAt.getTime() <= now.getTime())
        return E.left(
          domainError('validation_failed', 'the certification would already have expired', {
            errors: [{ path: 'earnedAt', message: 'too far in the past for this program' }],
          }),
        );
      return ok(ev.CertificationEarned.create({ programId, earnedAt, expiresAt: expiresAt.toISOString() }));
    }
    case 'RenewCertification': {
      const held = state.certifications[command.data.programId];
      if (!held) return E.left(domainError('not_found', 'certification not held'));
      if (held.revoked) return refuse('a revoked certification cannot be renewed: earn it again');
      // A retired program certifies nobody anew; what was earned stays valid until it expires.
      if (command.data.programStatus === 'retired')
        return refuse('the program is retired: its certifications can no longer be renewed');
      // Renewal runs from today, or from the current expiry when renewing early.
      const from = Math.max(now.getTime(), Date.parse(held.expiresAt));
      const expiresAt = addDays(new Date(from), command.data.validForDays).toISOString();
      return ok(
        ev.CertificationRenewed.create({ programId: command.data.programId, renewedAt: now.toISOString(), expiresAt }),
      );
    }
    case 'RevokeCertification': {
      const held = state.certifications[command.data.programId];
      if (!held) return E.left(domainError('not_found', 'certification not held'));
      if (held.revoked) return refuse('certification is already revoked');
      return ok(ev.CertificationRevoked.create(command.data));
    }
  }
};

export const personDecider: Decider<PersonCommand, PersonEvent, PersonState> = {
  initialState: initialPersonState,
  evolve,
  decide,
};
