/**
 * A browser's redirects and cookies without a browser: follows redirects by hand, keeping every cookie
 * the servers set (one jar per origin), until `stop` says the next URL is where the test takes over.
 */
export const cookieJarFetch = () => {
  const jars = new Map<string, Map<string, string>>();
  const jarOf = (url: URL) => {
    const jar = jars.get(url.origin) ?? new Map<string, string>();
    jars.set(url.origin, jar);
    return jar;
  };
  const request = async (url: string, init: RequestInit = {}) => {
    const u = new URL(url);
    const jar = jarOf(u);
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(u, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) },
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || /expires=thu, 01 jan 1970/i.test(a));
      if (expired || value === '') jar.delete(name);
      else jar.set(name, value);
    }
    return res;
  };
  /** Follows redirects from `url` until `stop(next)` (answers that URL) or a non-redirect (answers the response). */
  const follow = async (
    url: string,
    stop: (next: URL) => boolean,
    init?: RequestInit,
  ): Promise<{ stoppedAt?: URL; response: Response }> => {
    let current = url;
    let options = init;
    for (let hops = 0; hops < 20; hops += 1) {
      const response = await request(current, options);
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) return { response };
      const next = new URL(location, current);
      if (stop(next)) return { stoppedAt: next, response };
      current = next.href;
      options = undefined;
    }
    throw new Error(`too many redirects from ${url}`);
  };
  return { request, follow, cookie: (origin: string, name: string) => jars.get(origin)?.get(name) };
};
