import * as E from 'fp-ts/lib/Either.js';
import type { CommandLayer } from '../../commands/commandLayer.js';
import type { CommandContext, CommandOutcome } from '../../commands/pipeline/index.js';
import { systemPrincipal, type Principal } from '../../domain/access/index.js';
import { periodOf, type EmployeeRole, type PartnerType, type Tier } from '../../domain/shared/index.js';
import type { Actor } from '../../eventstore/port.js';
import { DAY } from './model.js';
import type { Random } from './random.js';
import type { SeedTask } from './schedule.js';

export interface SimPerson {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  partnerId?: string;
  role?: EmployeeRole;
  /** Certifications held: program id -> expiry (epoch ms) and whether revoked. */
  readonly certs: Map<string, { expiresAt: number; revoked: boolean }>;
}

export interface SimFund {
  readonly id: string;
  readonly allocated: number;
  readonly expiresAt: number;
  committed: number;
  paid: number;
}

export interface SimPartner {
  readonly id: string;
  readonly name: string;
  readonly website: string;
  readonly country: string;
  readonly region: string;
  readonly tlds: readonly string[];
  readonly type: PartnerType;
  parentId?: string;
  readonly strength: number;
  readonly lines: readonly string[];
  status: 'planned' | 'applied' | 'approved' | 'active' | 'suspended' | 'terminated' | 'rejected';
  tier?: Tier;
  cmId: string;
  target: number;
  readonly employees: Set<string>;
  readonly customers: string[];
  /** Claim keys (domain:line) where the partner has a registration that is not yet decided, won or closed. */
  readonly openKeys: Set<string>;
  /** Won revenue (EUR units) by period of the closing date. */
  readonly revenue: Map<string, number>;
  /** Points per person pot, as the ledger will hold them once awards ran. */
  readonly pots: Map<string, number>;
}

export interface SimDeal {
  readonly id: string;
  readonly partnerId: string;
  readonly registrant: string;
  readonly key: string;
  readonly conflict: boolean;
  readonly estimated: number;
  status: 'submitted' | 'approved' | 'won' | 'closed';
}

export interface Program {
  readonly id: string;
  readonly name: string;
  readonly line: string;
  readonly level: 'associate' | 'professional';
  readonly validForDays: number;
  readonly points: number;
}

export type Action = () => void;

/**
 * The simulated channel: what the seed believes the log holds, to plan only commands the deciders accept.
 * `cmd` is the command layer itself (commands/commandLayer.ts): the seed issues the routes' commands,
 * as the system for the vendor's work (`system`), and as the partners' people where the command
 * takes its data from the caller (a registration's registrant, a claim's submitter).
 */
export const createWorld = (rng: Random, cmd: CommandLayer, start: number, days: number, partnerCount: number) => {
  const agenda = new Map<number, Action[]>();
  let tasks: SeedTask[] = [];
  let today = 0;
  let counter = 0;
  const world = {
    rng,
    cmd,
    start,
    days,
    partnerCount,
    system: systemPrincipal('seed'),
    partners: [] as SimPartner[],
    partnersById: new Map<string, SimPartner>(),
    people: new Map<string, SimPerson>(),
    deals: new Map<string, SimDeal>(),
    programs: [] as Program[],
    channelManagers: new Map<string, string[]>(),
    vendorAdmin: '',
    /** Registrations other partners could collide with, per region. */
    openByRegion: new Map<string, SimDeal[]>(),
    /** person|program -> the partner the certification's points go to. */
    certAwards: new Map<string, string>(),
    /** Leavers waiting to join another partner. */
    movers: [] as { personId: string; region: string; fromDay: number }[],
    get today() {
      return today;
    },
    /** The planning instant of the day: every command of the day runs at or a few minutes after it. */
    now: () => start + today * DAY + dayHour(today),
    period: () => periodOf(new Date(world.now())),
    setDay: (d: number) => {
      today = d;
    },
    /** Runs `action` when planning day `today + inDays` (at least tomorrow). */
    later: (inDays: number, action: Action) => {
      const day = today + Math.max(1, Math.round(inDays));
      if (day >= days) return;
      const list = agenda.get(day) ?? [];
      list.push(action);
      agenda.set(day, list);
    },
    dueToday: (): Action[] => {
      const due = agenda.get(today) ?? [];
      agenda.delete(today);
      return due;
    },
    task: (reads: readonly string[], writes: readonly string[], run: () => Promise<unknown>) =>
      void tasks.push({ reads, writes, run }),
    /** A command task: a refusal is a bug in the simulation, so it stops the seed, naming what the command writes. */
    command: (reads: readonly string[], writes: readonly string[], run: () => CommandOutcome): void =>
      world.task(reads, writes, async () => {
        const outcome = await run();
        if (E.isLeft(outcome))
          throw new Error(
            `seed: a command on ${writes.join(', ')} was refused (${outcome.left.code}): ${outcome.left.message}`,
          );
      }),
    takeTasks: () => {
      const out = tasks;
      tasks = [];
      return out;
    },
    /** A command context with a deterministic command id. */
    ctx: (actor: Actor): CommandContext => {
      counter += 1;
      const commandId = rng.id('cmd');
      return { actor, commandId, correlationId: commandId };
    },
    uniqueNumber: () => ++counter,
  };
  return world;
};
export type World = ReturnType<typeof createWorld>;

/** The hour a simulated day's work starts: between 08:00 and 16:59, varying from day to day. */
export const dayHour = (day: number) => ((8 + ((day * 7) % 9)) * 60 + ((day * 13) % 60)) * 60_000;

export const person = (id: string): Actor => ({ kind: 'person', id });
export const system = (id: string): Actor => ({ kind: 'system', id });

/** A partner employee as the access rules see them while employed. */
export const employeePrincipal = (personId: string, partnerId: string, role: EmployeeRole): Principal => ({
  kind: 'person',
  personId,
  vendorRoles: [],
  employer: { partnerId, role, status: 'active' },
});
/** The partner's channel manager. */
export const managerPrincipal = (personId: string, region: string): Principal => ({
  kind: 'person',
  personId,
  vendorRoles: [{ role: 'channel_manager', regions: [region] }],
});

/** `k` distinct items in random order (Fisher-Yates on a copy). */
export const sample = <T>(rng: Random, items: readonly T[], k: number): T[] => {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, k);
};
