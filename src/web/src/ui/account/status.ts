// A status line (role=status, aria-live) that shows one message of a kind: success or error.
import type { HttpProblem } from '../../protocol/request';
import { t } from '../text';

export function showStatus(element: HTMLElement | null, kind: 'success' | 'error' | 'info', message: string): void {
  if (!element) {
    return;
  }
  element.dataset['kind'] = kind;
  element.textContent = message;
}

export function clearStatus(element: HTMLElement | null): void {
  if (element) {
    delete element.dataset['kind'];
    element.textContent = '';
  }
}

/** The server's localised title and per-field reasons, or a generic message when it gave none. */
export function describeProblem(problem: HttpProblem): string {
  const reasons = Object.values(problem.errors).flat();
  const parts = [problem.title, ...reasons].filter((p) => p.length > 0);
  return parts.length > 0 ? parts.join(' ') : t('Ui.Failed');
}

/** Sends a signed-out visitor to the sign-in page, back here afterwards. Answers whether it did. */
export function redirectIfSignedOut(problem: HttpProblem): boolean {
  if (problem.status !== 401) {
    return false;
  }
  window.location.assign(`/sign-in?returnUrl=${encodeURIComponent(window.location.pathname)}`);
  return true;
}
