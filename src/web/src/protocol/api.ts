// HTTP calls to AnHop's own API. No DOM here: UI code renders the outcome.

/** Every state-changing request carries this header; the server refuses those without it (a CSRF guard beside SameSite cookies). */
export const requestHeader = 'X-AnHop-Request';

export interface ApiProblem {
  readonly status: number;
  readonly title: string;
  readonly errors: Record<string, string[]>;
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
  const parsed: unknown = text.length > 0 ? JSON.parse(text) : {};
  if (response.ok) {
    return { ok: true, value: parsed as T };
  }
  const problem = parsed as Partial<ApiProblem>;
  return {
    ok: false,
    problem: { status: response.status, title: problem.title ?? response.statusText, errors: problem.errors ?? {} },
  };
}

export async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (!response.ok) {
    throw new Error(`${url}: HTTP ${response.status}`);
  }
  return (await response.json()) as T;
}
