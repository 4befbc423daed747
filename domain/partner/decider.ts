import * as E from 'fp-ts/lib/Either.js';
import { domainError, type Decider } from '../shared/index.js';
import type { PartnerCommand } from './commands.js';
import * as ev from './events.js';
import type { PartnerEvent } from './events.js';
import { initialPartnerState, type PartnerState, type PartnerStatus } from './state.js';
import { websiteDomain } from './websiteDomain.js';

const ok = (...events: PartnerEvent[]) => E.right(events);
const refuse = (message: string) => E.left(domainError('invalid_state', message));
const mustBe = (state: PartnerState, allowed: readonly PartnerStatus[], action: string) =>
  allowed.includes(state.status) ? undefined : refuse(`cannot ${action} a partner that is ${state.status}`);

export const evolve = (state: PartnerState, event: PartnerEvent): PartnerState => {
  switch (event.type) {
    case 'PartnerApplied': {
      const { partnerId, name, domain, type, region, parentPartnerId } = event.data;
      return { ...state, status: 'applied', partnerId, name, domain, type, region, parentPartnerId };
    }
    case 'PartnerApproved':
      return { ...state, status: 'approved', tier: event.data.tier };
    case 'PartnerRejected':
      return { ...state, status: 'rejected' };
    case 'PartnerAgreementSigned':
      return { ...state, agreementVersions: [...state.agreementVersions, event.data.agreementVersion] };
    case 'PartnerActivated':
    case 'PartnerReinstated':
      return { ...state, status: 'active' };
    case 'PartnerTierChanged':
      return { ...state, tier: event.data.to };
    case 'PartnerRegionChanged':
      return { ...state, region: event.data.to };
    case 'ChannelManagerAssigned':
      return { ...state, channelManagerId: event.data.personId };
    case 'PartnerQuotaSet':
      return { ...state, quotas: { ...state.quotas, [event.data.period]: event.data.amount } };
    case 'PartnerSuspended':
      return { ...state, status: 'suspended' };
    case 'PartnerTerminated':
      return { ...state, status: 'terminated' };
  }
};

const decide = (command: PartnerCommand, state: PartnerState) => {
  // Like every other aggregate: a command to a partner that never applied is not_found, not invalid_state.
  if (command.type !== 'ApplyPartner' && state.status === 'none')
    return E.left(domainError('not_found', 'partner not found'));
  switch (command.type) {
    case 'ApplyPartner': {
      if (state.status !== 'none') return E.left(domainError('duplicate', 'partner already exists'));
      const { parent, ...data } = command.data;
      if (data.parentPartnerId !== undefined) {
        if (data.type !== 'reseller') return refuse('only a reseller may name a distributor parent');
        if (!parent || parent.status === 'none') return E.left(domainError('not_found', 'parent partner not found'));
        if (parent.type !== 'distributor') return refuse('the parent partner must be a distributor');
        if (parent.status !== 'approved' && parent.status !== 'active')
          return refuse(`the parent partner is ${parent.status}`);
      }
      return ok(ev.PartnerApplied.create({ ...data, domain: websiteDomain(data.website) }));
    }
    case 'ApprovePartner':
      return mustBe(state, ['applied'], 'approve') ?? ok(ev.PartnerApproved.create(command.data));
    case 'RejectPartner':
      return mustBe(state, ['applied'], 'reject') ?? ok(ev.PartnerRejected.create(command.data));
    case 'SignAgreement': {
      const refusal = mustBe(state, ['approved', 'active', 'suspended'], 'sign the agreement of');
      if (refusal) return refusal;
      if (state.agreementVersions.includes(command.data.agreementVersion))
        return refuse(`agreement ${command.data.agreementVersion} is already signed`);
      const signed = ev.PartnerAgreementSigned.create(command.data);
      // Signing is what turns an approved partner into an active one.
      return state.status === 'approved' ? ok(signed, ev.PartnerActivated.create({})) : ok(signed);
    }
    case 'ChangeTier': {
      const refusal = mustBe(state, ['approved', 'active', 'suspended'], 'change the tier of');
      if (refusal) return refusal;
      if (state.tier === command.data.tier) return refuse(`partner is already ${command.data.tier}`);
      return ok(
        ev.PartnerTierChanged.create({
          from: state.tier ?? 'registered',
          to: command.data.tier,
          reason: command.data.reason,
        }),
      );
    }
    case 'ChangeRegion': {
      const refusal = mustBe(state, ['applied', 'approved', 'active', 'suspended'], 'change the region of');
      if (refusal) return refusal;
      if (state.region === command.data.region) return refuse(`partner is already in region ${command.data.region}`);
      return ok(ev.PartnerRegionChanged.create({ from: state.region ?? command.data.region, to: command.data.region }));
    }
    case 'AssignChannelManager': {
      const refusal = mustBe(state, ['applied', 'approved', 'active', 'suspended'], 'assign a channel manager to');
      if (refusal) return refusal;
      if (!command.data.personIsChannelManager) return refuse('the person does not hold the channel_manager role');
      if (state.channelManagerId === command.data.personId) return refuse('that channel manager is already assigned');
      return ok(ev.ChannelManagerAssigned.create({ personId: command.data.personId }));
    }
    case 'SetQuota':
      return (
        mustBe(state, ['approved', 'active', 'suspended'], 'set a quota for') ??
        ok(ev.PartnerQuotaSet.create(command.data))
      );
    case 'SuspendPartner':
      return mustBe(state, ['active'], 'suspend') ?? ok(ev.PartnerSuspended.create(command.data));
    case 'ReinstatePartner':
      return mustBe(state, ['suspended'], 'reinstate') ?? ok(ev.PartnerReinstated.create({}));
    case 'TerminatePartner':
      return (
        mustBe(state, ['approved', 'active', 'suspended'], 'terminate') ?? ok(ev.PartnerTerminated.create(command.data))
      );
  }
};

export const partnerDecider: Decider<PartnerCommand, PartnerEvent, PartnerState> = {
  initialState: initialPartnerState,
  evolve,
  decide,
};
