/**
 * Certified people and readiness at the reader's clock, from the expiry timestamps the scorecards
 * projection stores (a certification is valid while now < expiresAt; DESIGN §4).
 */
const parse = <T>(json: string, fallback: T): T => {
  try {
    return JSON.parse(json) as T;
  } catch {
    return fallback;
  }
};

/** Current employees holding at least one valid certification. */
export const certifiedPeopleNow = (certifiedExpiries: string, now: Date): number => {
  const at = now.getTime();
  return parse<number[]>(certifiedExpiries, []).filter((e) => e > at).length;
};

/** Per product line of the channel: validly certified current employees, and ready when at least `k`. */
export const readinessNow = (lineExpiries: string, productLines: readonly string[], k: number, now: Date) => {
  const at = now.getTime();
  const lines = parse<Record<string, number[]>>(lineExpiries, {});
  const readiness: Record<string, { certified: number; ready: boolean }> = {};
  for (const line of productLines) {
    const certified = (lines[line] ?? []).filter((e) => e > at).length;
    readiness[line] = { certified, ready: certified >= k };
  }
  return { readiness, readyProductLines: productLines.filter((l) => readiness[l].ready) };
};
