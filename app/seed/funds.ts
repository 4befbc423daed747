import { withPlannedIds } from '../../commands/pipeline/index.js';
import { ADMIN_KEY_PRINCIPAL } from '../../domain/access/index.js';
import { periodBounds, toIsoDate } from '../../domain/shared/index.js';
import { DAY, eur, model } from './model.js';
import { streams } from './streams.js';
import { mdfActivities } from './vocabulary.js';
import { employeePrincipal, person, type SimFund, type SimPartner, type World } from './world.js';

const adminKey = { kind: 'admin-key' as const, id: 'admin' };

/**
 * The partner's admin submits and claims (the admin key stands in while the partner has none): the
 * command records its caller as the submitter, so it acts as them, not as the system.
 */
const submitter = (w: World, p: SimPartner) => {
  const admin = [...p.employees].find((id) => w.people.get(id)?.role === 'admin');
  return admin
    ? { actor: person(admin), principal: employeePrincipal(admin, p.id, 'admin') }
    : { actor: adminKey, principal: ADMIN_KEY_PRINCIPAL };
};

/**
 * A quarter's fund for a silver-or-better active partner (expiring 45 days after the quarter), spent
 * through one to three requests: most approved, most of those claimed with proof, approved and paid.
 */
export const planFund = (w: World, p: SimPartner) => {
  const base = model.mdfByTier[p.tier ?? 'registered'] ?? 0;
  if (p.status !== 'active' || base === 0) return;
  const period = w.period();
  const fund: SimFund = {
    id: w.rng.id('mdf'),
    allocated: Math.round((base * w.rng.uniform(0.8, 1.2)) / 500) * 500,
    expiresAt: periodBounds(period).end.getTime() + 45 * DAY,
    committed: 0,
    paid: 0,
  };
  w.command([streams.partner(p.id)], [streams.fund(fund.id), streams.fundReservation(p.id, period)], () =>
    withPlannedIds({ fund: fund.id }, () =>
      w.cmd.mdf.allocate(w.ctx(person(p.cmId)), w.system, {
        partnerId: p.id,
        period,
        amount: eur(fund.allocated),
        expiresAt: new Date(fund.expiresAt).toISOString(),
      }),
    ),
  );
  for (let n = w.rng.int(1, 3); n > 0; n--) w.later(w.rng.int(5, 60), () => request(w, p, fund));
};

const request = (w: World, p: SimPartner, fund: SimFund) => {
  const available = fund.allocated - fund.committed - fund.paid;
  const amount = Math.min(
    Math.round((fund.allocated * w.rng.uniform(0.2, 0.45)) / 100) * 100,
    Math.floor(available / 100) * 100,
  );
  if (amount < 500 || w.now() > fund.expiresAt - 40 * DAY) return;
  const requestId = w.rng.id('req');
  const activityDay = w.now() + w.rng.int(7, 25) * DAY;
  const activity = w.rng.pick(mdfActivities);
  const by = submitter(w, p);
  w.command([], [streams.fund(fund.id)], () =>
    withPlannedIds({ request: requestId }, () =>
      w.cmd.mdf.submitRequest(w.ctx(by.actor), by.principal, {
        fundId: fund.id,
        activity,
        description: `${activity.replace('_', ' ')} for ${p.lines.join(', ')}`,
        amount: eur(amount),
        activityDate: toIsoDate(new Date(activityDay)),
      }),
    ),
  );
  w.later(w.rng.int(2, 6), () => {
    const approved = Math.min(
      Math.round((amount * w.rng.uniform(0.8, 1)) / 100) * 100,
      fund.allocated - fund.committed - fund.paid,
    );
    if (w.rng.chance(0.13) || approved < 100) {
      w.command([], [streams.fund(fund.id)], () =>
        w.cmd.mdf.rejectRequest(w.ctx(person(p.cmId)), w.system, {
          fundId: fund.id,
          requestId,
          reason: 'does not match the marketing plan',
        }),
      );
      return;
    }
    fund.committed += approved;
    w.command([streams.channel], [streams.fund(fund.id)], () =>
      w.cmd.mdf.approveRequest(w.ctx(person(p.cmId)), w.system, {
        fundId: fund.id,
        requestId,
        approvedAmount: eur(approved),
      }),
    );
    const claimDay = activityDay + w.rng.int(2, 15) * DAY;
    if (w.rng.chance(0.85) && claimDay < fund.expiresAt - 12 * DAY)
      w.later(Math.round((claimDay - w.now()) / DAY), () => claim(w, p, fund, requestId, approved));
  });
};

const claim = (w: World, p: SimPartner, fund: SimFund, requestId: string, approved: number) => {
  const claimId = w.rng.id('clm');
  const amount = Math.max(1, Math.round(approved * w.rng.uniform(0.7, 1)));
  const by = submitter(w, p);
  const domain = new URL(p.website).hostname;
  w.command([], [streams.fund(fund.id)], () =>
    withPlannedIds({ claim: claimId }, () =>
      w.cmd.mdf.submitClaim(w.ctx(by.actor), by.principal, {
        fundId: fund.id,
        requestId,
        amount: eur(amount),
        proof: [{ name: 'invoice', uri: `https://${domain}/mdf/${requestId}.pdf` }],
      }),
    ),
  );
  w.later(w.rng.int(2, 8), () => {
    if (w.rng.chance(0.08)) {
      w.command([], [streams.fund(fund.id)], () =>
        w.cmd.mdf.rejectClaim(w.ctx(person(p.cmId)), w.system, {
          fundId: fund.id,
          claimId,
          reason: 'proof of performance incomplete',
        }),
      );
      return;
    }
    w.command([], [streams.fund(fund.id)], () =>
      w.cmd.mdf.approveClaim(w.ctx(person(p.cmId)), w.system, {
        fundId: fund.id,
        claimId,
        approvedAmount: eur(amount),
      }),
    );
    w.later(w.rng.int(3, 12), () => {
      fund.committed -= approved;
      fund.paid += amount;
      const paymentReference = `PAY-${toIsoDate(new Date(w.now())).replace(/-/g, '')}-${w.uniqueNumber()}`;
      w.command([], [streams.fund(fund.id)], () =>
        w.cmd.mdf.payClaim(w.ctx(person(p.cmId)), w.system, { fundId: fund.id, claimId, paymentReference }),
      );
    });
  });
};
