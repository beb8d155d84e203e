// JSON requests of any method to AnHop's own API, with the problem details and Retry-After of a refusal. No DOM here.
import { type ApiProblem, requestHeader } from './api';

export interface HttpProblem extends ApiProblem {
  /** Seconds to wait before trying again, from Retry-After on a 429; null otherwise. */
  readonly retryAfter: number | null;
}

export type HttpResult<T> = { ok: true; value: T } | { ok: false; problem: HttpProblem };

export async function request<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown): Promise<HttpResult<T>> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (method !== 'GET') {
    headers[requestHeader] = '1';
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    return { ok: false, problem: { status: 0, title: '', errors: {}, retryAfter: null } };
  }
  const parsed = await readJson(response);
  if (response.ok) {
    return { ok: true, value: parsed as T };
  }
  const problem = (parsed ?? {}) as Partial<ApiProblem>;
  const retryAfter = Number.parseInt(response.headers.get('Retry-After') ?? '', 10);
  return {
    ok: false,
    problem: {
      status: response.status,
      title: typeof problem.title === 'string' ? problem.title : '',
      errors: problem.errors ?? {},
      retryAfter: response.status === 429 ? (Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : 1) : null,
    },
  };
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text.length === 0) {
    return null;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
