/** The API with the signed-in token; a failed call throws an error carrying the HTTP status. */
export interface ApiError extends Error {
  readonly status: number;
}

export const isApiError = (e: unknown): e is ApiError => e instanceof Error && typeof (e as Partial<ApiError>).status === 'number';

export const createApi = (token: string) => ({
  get: async <T>(path: string): Promise<T> => {
    const response = await fetch(path, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
    if (!response.ok) {
      const problem = (await response.json().catch(() => ({}))) as { detail?: string };
      throw Object.assign(new Error(problem.detail ?? `${path} answered ${response.status}`), { status: response.status });
    }
    return (await response.json()) as T;
  },
});
export type Api = ReturnType<typeof createApi>;

/** Every page of a list (`limit` 500 a page). */
export const allPages = async <T>(api: Api, path: string): Promise<T[]> => {
  const out: T[] = [];
  let cursor: string | null = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const page: { items: T[]; nextCursor: string | null } = await api.get(`${path}${sep}limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
};
