import { postJson } from '../protocol/api';

interface SetupDone {
  readonly email: string;
}

/**
 * The one-time administrator set-up. The token travels in the URL fragment, which browsers never
 * send to a server or put in a Referer, and it is removed from the address bar at once.
 */
export function wireSetupForm(form: HTMLFormElement): void {
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '';
  if (window.location.hash) {
    history.replaceState(null, '', window.location.pathname);
  }
  const status = form.querySelector<HTMLElement>('[data-role=status]');
  const submit = form.querySelector<HTMLButtonElement>('button[type=submit]');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!status || !submit) {
      return;
    }
    const data = new FormData(form);
    submit.disabled = true;
    status.textContent = '';
    const result = await postJson<SetupDone>('/api/setup', {
      token,
      email: String(data.get('email') ?? ''),
      displayName: String(data.get('displayName') ?? ''),
      organisationName: String(data.get('organisationName') ?? ''),
      password: String(data.get('password') ?? ''),
      confirmPassword: String(data.get('confirmPassword') ?? ''),
    });
    submit.disabled = false;
    if (result.ok) {
      form.reset();
      form.querySelector('fieldset')?.setAttribute('disabled', '');
      status.dataset['kind'] = 'success';
      status.textContent = form.dataset['success'] ?? 'OK';
      return;
    }
    status.dataset['kind'] = 'error';
    const messages = Object.values(result.problem.errors).flat();
    status.textContent = [result.problem.title, ...messages].join(' ');
  });
}
