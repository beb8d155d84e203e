// HTTP calls to AnHop's own API. No DOM here: UI code renders the outcome.

/** Every state-changing request carries this header; the server refuses those without it (a CSRF guard beside SameSite cookies). */
export const requestHeader = 'X-AnHop-Request';

export interface ApiProblem {
  readonly status: number;
  readonly title: string;
  readonly errors: Record<string, string[]>;
  /** From Retry-After on a 429: seconds until the server accepts the call again. */
  readonly retryAfterSeconds?: number;
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; problem: ApiProblem };

export async function postJson<T>(url: string, body: unknown): Promise<ApiResult<T>> {
  const response = await fetch(url, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', [requestHeader]: '1' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  const parsed = parseJson(text, response.headers.get('Content-Type'));
  if (response.ok) {
    return { ok: true, value: parsed as T };
  }
  const problem = parsed as Partial<ApiProblem>;
  const retryAfter = Number.parseInt(response.headers.get('Retry-After') ?? '', 10);
  return {
    ok: false,
    problem: {
      status: response.status,
      title: problem.title ?? response.statusText,
      errors: problem.errors ?? {},
      ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {}),
    },
  };
}

/** Error answers are not always JSON (a bare 404 or 429 has an empty or plain body). */
function parseJson(text: string, contentType: string | null): unknown {
  if (text.length === 0 || !(contentType ?? '').includes('json')) {
    return {};
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return {};
  }
}

export async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (!response.ok) {
    throw new Error(`${url}: HTTP ${response.status}`);
  }
  return (await response.json()) as T;
}
