import { withPlannedIds } from '../../commands/pipeline/index.js';
import type { EmployeeRole } from '../../domain/shared/index.js';
import { DAY, model } from './model.js';
import { streams } from './streams.js';
import { firstNames, lastNames } from './vocabulary.js';
import { person, type SimPartner, type SimPerson, type World } from './world.js';

const operating = (p: SimPartner) => p.status === 'approved' || p.status === 'active';

/** The first team of an approved partner: its admin today, the others over the next weeks. */
export const planTeam = (w: World, p: SimPartner) => {
  hireNow(w, p, 'admin');
  for (let n = 1; n < p.target; n++) {
    const role =
      n === 1
        ? 'sales'
        : w.rng.weighted([
            ['sales', 0.45],
            ['technical', 0.3],
            ['manager', 0.1],
            ['marketing', 0.15],
          ] as const);
    planHire(w, p, role, w.rng.int(1, 30));
  }
};

export const planHire = (w: World, p: SimPartner, role: EmployeeRole, inDays: number) =>
  w.later(inDays, () => {
    if (operating(p) && p.employees.size < p.target + 2) hireNow(w, p, role);
  });

/** A new person registers and joins the partner; their tenure, certifications and departure are drawn now. */
const hireNow = (w: World, p: SimPartner, role: EmployeeRole) => {
  const first = w.rng.pick(firstNames);
  const last = w.rng.pick(lastNames);
  const domain = new URL(p.website).hostname.replace(/^www\./, '');
  const who: SimPerson = {
    id: w.rng.id('per'),
    name: `${first} ${last}`,
    email: `${first}.${last}.${w.uniqueNumber()}@${domain}`.toLowerCase(),
    certs: new Map(),
  };
  w.people.set(who.id, who);
  const actor = person(p.cmId);
  w.command([], [streams.person(who.id), streams.email(who.email)], () =>
    withPlannedIds({ person: who.id }, () =>
      w.cmd.person.register(w.ctx(actor), w.system, { name: who.name, email: who.email }),
    ),
  );
  join(w, who, p, role);
  const yearly = role === 'admin' ? model.leaversPerYear / 3 : model.leaversPerYear;
  const tenure = Math.round((-Math.log(1 - w.rng.next()) / yearly) * 365);
  if (tenure < w.days - w.today) w.later(Math.max(20, tenure), () => leave(w, who, p));
};

const join = (w: World, who: SimPerson, p: SimPartner, role: EmployeeRole) => {
  const from = who.partnerId ? w.partnersById.get(who.partnerId) : undefined;
  from?.employees.delete(who.id);
  who.partnerId = p.id;
  who.role = role;
  p.employees.add(who.id);
  w.command([streams.partner(p.id), ...(from ? [streams.partner(from.id)] : [])], [streams.person(who.id)], () =>
    w.cmd.person.join(w.ctx(person(p.cmId)), w.system, { partnerId: p.id, personId: who.id, role }),
  );
  planCertifications(w, who, p, role);
};

const leave = (w: World, who: SimPerson, p: SimPartner) => {
  if (who.partnerId !== p.id || p.status === 'terminated') return;
  p.employees.delete(who.id);
  who.partnerId = undefined;
  const role = who.role ?? 'sales';
  w.command([], [streams.person(who.id)], () =>
    w.cmd.person.leave(w.ctx(person(who.id)), w.system, {
      partnerId: p.id,
      personId: who.id,
      reason: w.rng.pick(['new job', 'relocation', 'retirement', 'career change']),
    }),
  );
  if (role === 'admin') w.later(w.rng.int(2, 10), () => promoteAdmin(w, p));
  planHire(w, p, role === 'admin' ? 'sales' : role, w.rng.int(15, 50));
  if (w.rng.chance(model.movers))
    w.movers.push({ personId: who.id, region: p.region, fromDay: w.today + w.rng.int(14, 75) });
};

const promoteAdmin = (w: World, p: SimPartner) => {
  if (!operating(p) && p.status !== 'suspended') return;
  const candidates = [...p.employees]
    .map((id) => w.people.get(id))
    .filter((x): x is SimPerson => x !== undefined && x.role !== 'admin');
  if (!candidates.length || [...p.employees].some((id) => w.people.get(id)?.role === 'admin')) return;
  const who = candidates.find((c) => c.role === 'manager') ?? candidates[0];
  who.role = 'admin';
  w.command([], [streams.person(who.id)], () =>
    w.cmd.person.changeRole(w.ctx(person(p.cmId)), w.system, { partnerId: p.id, personId: who.id, role: 'admin' }),
  );
};

/** Leavers whose time has come join an operating partner of their region, certifications and all. */
export const planMoves = (w: World) => {
  const due = w.movers.filter((m) => m.fromDay <= w.today);
  if (!due.length) return;
  w.movers = w.movers.filter((m) => m.fromDay > w.today);
  for (const m of due) {
    const who = w.people.get(m.personId);
    const current = who?.partnerId ? w.partnersById.get(who.partnerId) : undefined;
    if (!who || (current && current.status !== 'terminated')) continue;
    const options = w.partners.filter(
      (p) => p.region === m.region && p.status === 'active' && p.id !== current?.id && p.employees.size < p.target + 2,
    );
    if (options.length)
      join(
        w,
        who,
        w.rng.pick(options),
        w.rng.weighted([
          ['sales', 0.6],
          ['technical', 0.3],
          ['manager', 0.1],
        ] as const),
      );
  }
};

/** Technical people certify on the partner's product lines, sales people on one; some renew, some let it lapse. */
const planCertifications = (w: World, who: SimPerson, p: SimPartner, role: EmployeeRole) => {
  const associate = (line: string) => w.programs.find((g) => g.line === line && g.level === 'associate');
  const professional = (line: string) => w.programs.find((g) => g.line === line && g.level === 'professional');
  const plan = (programId: string | undefined, inDays: number) =>
    programId && w.later(inDays, () => earn(w, who, programId));
  if (role === 'technical') {
    for (const line of p.lines) {
      if (w.rng.chance(0.85)) plan(associate(line)?.id, w.rng.int(20, 120));
      if (w.rng.chance(0.3)) plan(professional(line)?.id, w.rng.int(150, 400));
    }
  } else if (role === 'sales' || role === 'manager') {
    if (w.rng.chance(0.6)) plan(associate(p.lines[0])?.id, w.rng.int(30, 150));
  } else if (role === 'admin' && w.rng.chance(0.2)) plan(associate(p.lines[0])?.id, w.rng.int(30, 200));
};

const earn = (w: World, who: SimPerson, programId: string) => {
  const program = w.programs.find((g) => g.id === programId);
  const held = who.certs.get(programId);
  if (!program || !who.partnerId || (held && !held.revoked && held.expiresAt + DAY > w.now())) return;
  const earnedAt = new Date(w.now()).toISOString();
  who.certs.set(programId, { expiresAt: w.now() + program.validForDays * DAY, revoked: false });
  w.certAwards.set(`${who.id}|${programId}`, who.partnerId);
  const cm = w.partnersById.get(who.partnerId)?.cmId ?? w.vendorAdmin;
  w.command([streams.program(programId)], [streams.person(who.id)], () =>
    w.cmd.person.earnCertification(w.ctx(person(cm)), w.system, { personId: who.id, programId, earnedAt }),
  );
  if (w.rng.chance(model.revocations)) w.later(w.rng.int(10, 200), () => revoke(w, who, programId));
  w.later(program.validForDays - w.rng.int(1, 30), () => renewOrLapse(w, who, programId));
};

const renewOrLapse = (w: World, who: SimPerson, programId: string) => {
  const held = who.certs.get(programId);
  const program = w.programs.find((g) => g.id === programId);
  if (!held || held.revoked || !program || held.expiresAt <= w.now() + DAY) return;
  if (who.partnerId && w.rng.chance(model.certificationRenewals)) {
    held.expiresAt += program.validForDays * DAY;
    w.command([streams.program(programId)], [streams.person(who.id)], () =>
      w.cmd.person.renewCertification(w.ctx(person(w.vendorAdmin)), w.system, { personId: who.id, programId }),
    );
    w.later(Math.round((held.expiresAt - w.now()) / DAY) - w.rng.int(1, 30), () => renewOrLapse(w, who, programId));
  } else if (w.rng.chance(0.3))
    w.later(Math.round((held.expiresAt - w.now()) / DAY) + w.rng.int(10, 90), () => earn(w, who, programId));
};

const revoke = (w: World, who: SimPerson, programId: string) => {
  const held = who.certs.get(programId);
  if (!held || held.revoked || held.expiresAt <= w.now() + DAY) return;
  held.revoked = true;
  w.command([], [streams.person(who.id)], () =>
    w.cmd.person.revokeCertification(w.ctx(person(w.vendorAdmin)), w.system, {
      personId: who.id,
      programId,
      reason: 'exam irregularity',
    }),
  );
};
