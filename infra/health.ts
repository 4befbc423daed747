/** Why a component is degraded: a machine-readable code (`storage_full`, `database_unavailable`, …) and words. */
export interface HealthReason {
  readonly component: string;
  readonly code: string;
  readonly detail: string;
  /** When the component first degraded with this code (ISO-8601). */
  readonly since: string;
}

export interface HealthReport {
  readonly status: 'ok' | 'degraded';
  readonly reasons: readonly HealthReason[];
}

/**
 * Components of the server report trouble here (the log's appends, the read models' writes, in
 * cluster mode the database connection) and `/health` answers from it. A component recovers when its
 * own work succeeds again, or when its probe (given with the degradation) succeeds: the probe runs
 * every `probeMs` while degraded, so health comes back without waiting for traffic.
 */
export interface HealthRegistry {
  readonly degrade: (
    component: string,
    reason: { readonly code: string; readonly detail: string },
    probe?: () => Promise<unknown>,
  ) => void;
  readonly recover: (component: string) => void;
  readonly report: () => HealthReport;
  readonly isDegraded: (component?: string) => boolean;
  /** Stops the probes (the platform closes). */
  readonly stop: () => void;
}

export const createHealthRegistry = (
  options: { readonly probeMs?: number; readonly now?: () => Date } = {},
): HealthRegistry => {
  const probeMs = options.probeMs ?? 5000;
  const now = options.now ?? (() => new Date());
  const reasons = new Map<string, HealthReason>();
  const probes = new Map<string, NodeJS.Timeout>();

  const stopProbe = (component: string) => {
    clearTimeout(probes.get(component));
    probes.delete(component);
  };

  const recover = (component: string) => {
    if (!reasons.has(component)) return;
    reasons.delete(component);
    stopProbe(component);
  };

  const schedule = (component: string, probe: () => Promise<unknown>) => {
    stopProbe(component);
    const timer = setTimeout(async () => {
      probes.delete(component);
      if (!reasons.has(component)) return;
      try {
        await probe();
        recover(component);
      } catch {
        if (reasons.has(component) && !probes.has(component)) schedule(component, probe);
      }
    }, probeMs);
    timer.unref();
    probes.set(component, timer);
  };

  return {
    degrade: (component, reason, probe) => {
      const known = reasons.get(component);
      const since = known?.code === reason.code ? known.since : now().toISOString();
      reasons.set(component, { component, code: reason.code, detail: reason.detail, since });
      if (probe) schedule(component, probe);
    },
    recover,
    report: () => ({ status: reasons.size ? 'degraded' : 'ok', reasons: [...reasons.values()] }),
    isDegraded: (component) => (component === undefined ? reasons.size > 0 : reasons.has(component)),
    stop: () => {
      for (const component of [...probes.keys()]) stopProbe(component);
    },
  };
};
