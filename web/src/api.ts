/**
 * The API as the signed-in person: with a pasted token (development), or with the session cookie the
 * sign-in set (no header: the browser sends the cookie). A failed call throws an error carrying the status.
 */
export interface ApiError extends Error {
  readonly status: number;
}

export const isApiError = (e: unknown): e is ApiError =>
  e instanceof Error && typeof (e as Partial<ApiError>).status === 'number';
export const isAbort = (e: unknown): boolean => e instanceof DOMException && e.name === 'AbortError';

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

/** A query string from defined values only. */
export const withQuery = (path: string, params: Record<string, string | number | undefined | null>) => {
  const defined = Object.entries(params).filter(
    (e): e is [string, string | number] => e[1] !== undefined && e[1] !== null && e[1] !== '',
  );
  if (!defined.length) return path;
  return `${path}${path.includes('?') ? '&' : '?'}${new URLSearchParams(defined.map(([k, v]) => [k, String(v)]))}`;
};

export const createApi = (token: string | undefined, onUnauthorized: () => void = () => undefined) => {
  const get = async <T>(path: string, signal?: AbortSignal): Promise<T> => {
    const response = await fetch(path, {
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), accept: 'application/json' },
      signal,
    });
    if (!response.ok) {
      const problem = (await response.json().catch(() => ({}))) as { detail?: string };
      if (response.status === 401) onUnauthorized();
      throw Object.assign(new Error(problem.detail ?? `${path} answered ${response.status}`), {
        status: response.status,
      });
    }
    return (await response.json()) as T;
  };

  /** Pages of a list (500 a page) until the end or `max` items; from a page's `nextCursor` when given. */
  const all = async <T>(
    path: string,
    signal?: AbortSignal,
    options: { max?: number; from?: string | null } = {},
  ): Promise<{ items: T[]; complete: boolean; nextCursor: string | null }> => {
    const max = options.max ?? Infinity;
    const items: T[] = [];
    let cursor: string | null = options.from ?? null;
    do {
      const page: Page<T> = await get(withQuery(path, { limit: 500, cursor }), signal);
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor && items.length < max);
    return { items, complete: cursor === null, nextCursor: cursor };
  };

  return { get, all, token };
};
export type Api = ReturnType<typeof createApi>;
