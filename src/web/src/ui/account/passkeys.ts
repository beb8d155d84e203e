// Passkeys (WebAuthn): add, list and remove them on the account page; use one as the second sign-in step.
// The server keeps each challenge; the browser only converts between its JSON (base64url) and WebAuthn's ArrayBuffers.
import type { SignInAnswer } from '../../protocol/account';
import { type HttpResult, request } from '../../protocol/request';
import { t } from '../text';
import { throttle } from './countdown';
import { formatDateTime } from './format';
import { submit } from './forms';
import { describeProblem, redirectIfSignedOut, showStatus } from './status';

interface Passkey {
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
}

type Json = Record<string, unknown>;

const api = {
  creationOptions: () => request<Json>('POST', '/api/account/passkeys/options'),
  register: (credential: Json, name: string) => request<Passkey>('POST', '/api/account/passkeys', { credential, name }),
  list: () => request<Passkey[]>('GET', '/api/account/passkeys'),
  remove: (id: string) => request<unknown>('DELETE', `/api/account/passkeys/${encodeURIComponent(id)}`),
  assertionOptions: () => request<Json>('POST', '/api/account/sign-in/passkey/options'),
  signIn: (credential: Json) => request<SignInAnswer>('POST', '/api/account/sign-in/passkey', { credential }),
};

export function fromBase64Url(text: string): ArrayBuffer {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(text.length / 4) * 4, '=');
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes.buffer;
}

export function toBase64Url(buffer: ArrayBuffer | null): string | null {
  if (buffer === null) return null;
  let binary = '';
  for (const byte of new Uint8Array(buffer)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The server's options without nulls (WebAuthn's dictionaries take a missing member, not null). */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null).map(([k, v]) => [k, withoutNulls(v)]));
  }
  return value;
}

const descriptors = (list: unknown) =>
  ((list as Array<{ id: string; type: string; transports?: string[] }> | undefined) ?? []).map((d) => ({
    ...d, id: fromBase64Url(d.id),
  })) as PublicKeyCredentialDescriptor[];

function creationOptions(json: Json): PublicKeyCredentialCreationOptions {
  const options = withoutNulls(json) as Json & { user: Json };
  return {
    ...options,
    challenge: fromBase64Url(options['challenge'] as string),
    user: { ...options.user, id: fromBase64Url(options.user['id'] as string) },
    excludeCredentials: descriptors(options['excludeCredentials']),
  } as unknown as PublicKeyCredentialCreationOptions;
}

function requestOptions(json: Json): PublicKeyCredentialRequestOptions {
  const options = withoutNulls(json) as Json;
  return {
    ...options,
    challenge: fromBase64Url(options['challenge'] as string),
    allowCredentials: descriptors(options['allowCredentials']),
  } as unknown as PublicKeyCredentialRequestOptions;
}

function attestationJson(credential: PublicKeyCredential): Json {
  const response = credential.response as AuthenticatorAttestationResponse;
  return {
    id: credential.id,
    rawId: toBase64Url(credential.rawId),
    type: credential.type,
    response: {
      attestationObject: toBase64Url(response.attestationObject),
      clientDataJSON: toBase64Url(response.clientDataJSON),
      transports: typeof response.getTransports === 'function' ? response.getTransports() : [],
    },
    clientExtensionResults: credential.getClientExtensionResults(),
  };
}

function assertionJson(credential: PublicKeyCredential): Json {
  const response = credential.response as AuthenticatorAssertionResponse;
  return {
    id: credential.id,
    rawId: toBase64Url(credential.rawId),
    type: credential.type,
    response: {
      authenticatorData: toBase64Url(response.authenticatorData),
      clientDataJSON: toBase64Url(response.clientDataJSON),
      signature: toBase64Url(response.signature),
      userHandle: toBase64Url(response.userHandle),
    },
    clientExtensionResults: credential.getClientExtensionResults(),
  };
}

const supported = () => typeof window.PublicKeyCredential === 'function' && navigator.credentials !== undefined;

/** The browser's WebAuthn call; null when the person cancelled, it timed out, or the authenticator refused. */
async function ceremony(run: () => Promise<Credential | null>): Promise<PublicKeyCredential | null> {
  try {
    const credential = await run();
    return credential instanceof PublicKeyCredential ? credential : null;
  } catch {
    return null;
  }
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}): HTMLElementTagNameMap[K] {
  return Object.assign(document.createElement(tag), props);
}

function statusLine(role = 'status'): HTMLParagraphElement {
  const line = element('p');
  line.dataset['role'] = role;
  line.setAttribute('role', 'status');
  line.setAttribute('aria-live', 'polite');
  return line;
}

/**
 * The account page's passkey panel, placed after the two-factor panel; `counted` hears how many passkeys the account
 * has after each listing (a passkey is a second factor too).
 */
export async function wirePasskeys(root: HTMLElement, counted?: (count: number) => void): Promise<void> {
  const section = element('section', { className: 'panel' });
  section.dataset['role'] = 'passkeys';
  section.setAttribute('aria-labelledby', 'passkeys-title');
  const title = element('h2', { id: 'passkeys-title', textContent: t('Passkey.Title') });
  const lead = element('p', { className: 'hint', textContent: t('Passkey.Lead') });
  const list = element('ul', { className: 'sessions' });
  list.dataset['role'] = 'passkey-list';
  const form = element('form', { noValidate: true });
  form.dataset['role'] = 'passkey-add';
  const label = element('label', { textContent: t('Passkey.Name') });
  label.append(element('input', { name: 'name', maxLength: 60, autocomplete: 'off' }));
  const add = element('button', { type: 'submit', className: 'primary', textContent: t('Passkey.Add') });
  const status = statusLine();
  form.append(label, add);
  section.append(title, lead, list, form, status);
  const after = root.querySelector<HTMLElement>('[data-role=two-factor]');
  if (after) after.after(section);
  else root.append(section);

  if (!supported()) {
    form.hidden = true;
    showStatus(status, 'info', t('Passkey.Unsupported'));
  }

  const refresh = async () => {
    const result = await api.list();
    if (!result.ok) {
      if (!redirectIfSignedOut(result.problem)) showStatus(status, 'error', describeProblem(result.problem));
      return;
    }
    list.replaceChildren(...result.value.map((passkey) => passkeyItem(passkey, async (button) => {
      button.disabled = true;
      const removed = await api.remove(passkey.id);
      button.disabled = false;
      if (!removed.ok) {
        if (!redirectIfSignedOut(removed.problem)) showStatus(status, 'error', describeProblem(removed.problem));
        return;
      }
      showStatus(status, 'success', t('Passkey.Removed'));
      await refresh();
    })));
    if (result.value.length === 0) list.append(element('li', { className: 'hint', textContent: t('Passkey.None') }));
    counted?.(result.value.length);
  };

  submit(form, async (_, data) => {
    const options = await api.creationOptions();
    if (!options.ok) {
      if (!redirectIfSignedOut(options.problem)) showStatus(status, 'error', describeProblem(options.problem));
      return;
    }
    const credential = await ceremony(() => navigator.credentials.create({ publicKey: creationOptions(options.value) }));
    if (!credential) {
      showStatus(status, 'error', t('Passkey.Cancelled'));
      return;
    }
    const result = await api.register(attestationJson(credential), String(data.get('name') ?? '').trim());
    if (result.ok) {
      form.reset();
      showStatus(status, 'success', t('Passkey.Added'));
      await refresh();
    } else if (result.problem.retryAfter !== null) {
      throttle(status, add, result.problem.retryAfter);
    } else if (!redirectIfSignedOut(result.problem)) {
      showStatus(status, 'error', describeProblem(result.problem));
    }
  });

  await refresh();
}

function passkeyItem(passkey: Passkey, remove: (button: HTMLButtonElement) => Promise<void>): HTMLLIElement {
  const item = element('li');
  const used = passkey.lastUsedAt ? t('Passkey.LastUsedAt', formatDateTime(passkey.lastUsedAt)) : t('Passkey.NeverUsed');
  const details = element('span', { className: 'hint', textContent: `${t('Passkey.CreatedAt', formatDateTime(passkey.createdAt))} · ${used}` });
  const button = element('button', { type: 'button', textContent: t('Passkey.Remove') });
  button.dataset['action'] = 'passkey-remove';
  button.addEventListener('click', () => void remove(button));
  item.append(element('strong', { textContent: passkey.name }), details, button);
  return item;
}

/**
 * The sign-in page's passkey step: a form (data-step="passkey") added to the section, with links to the other
 * second factors, and a "use a passkey" link added to theirs. `follow` receives the server's answer.
 */
export function passkeySignInStep(section: HTMLElement, follow: (answer: SignInAnswer) => void,
  refuse: (form: HTMLFormElement, result: HttpResult<SignInAnswer>, message: string) => void): HTMLFormElement {
  const form = element('form', { className: 'panel', noValidate: true, hidden: true });
  form.dataset['step'] = 'passkey';
  const fieldset = element('fieldset');
  const button = element('button', { type: 'submit', className: 'primary', textContent: t('Passkey.SignInButton') });
  fieldset.append(element('p', { className: 'hint', textContent: t('Passkey.SignInLead') }), button);
  for (const [step, key] of [['totp', 'Passkey.UseTotp'], ['recovery', 'Passkey.UseRecovery']] as const) {
    const link = element('button', { type: 'button', className: 'link', textContent: t(key), hidden: true });
    link.dataset['goto'] = step;
    fieldset.append(link);
  }
  form.append(element('h2', { textContent: t('Passkey.SignInTitle') }), fieldset, statusLine());
  section.querySelector('form[data-step=change-password]')?.before(form);
  for (const other of section.querySelectorAll<HTMLFormElement>('form[data-step=totp] fieldset, form[data-step=recovery] fieldset')) {
    const link = element('button', { type: 'button', className: 'link', textContent: t('Passkey.UsePasskey'), hidden: true });
    link.dataset['goto'] = 'passkey';
    other.append(link);
  }

  submit(form, async () => {
    const status = form.querySelector<HTMLElement>('[data-role=status]');
    if (!supported()) {
      showStatus(status, 'error', t('Passkey.Unsupported'));
      return;
    }
    const options = await api.assertionOptions();
    if (!options.ok) {
      refuse(form, options as HttpResult<never>, t('Passkey.SignInFailed'));
      return;
    }
    const credential = await ceremony(() => navigator.credentials.get({ publicKey: requestOptions(options.value) }));
    if (!credential) {
      showStatus(status, 'error', t('Passkey.Cancelled'));
      return;
    }
    const result = await api.signIn(assertionJson(credential));
    if (result.ok) follow(result.value);
    else refuse(form, result, t('Passkey.SignInFailed'));
  });
  return form;
}
