// The account page: change the password, turn two-step verification on or off, see and end sessions.
import * as account from '../../protocol/account';
import { t } from '../text';
import { confirmCopy, copyText } from './clipboard';
import { throttle } from './countdown';
import { submit } from './forms';
import { formatDateTime } from './format';
import { wireNewPassword } from './newPassword';
import { wirePasskeys } from './passkeys';
import { describeProblem, redirectIfSignedOut, showStatus } from './status';

export async function wireAccountPage(root: HTMLElement): Promise<void> {
  const answer = await account.me();
  if (!answer.ok) {
    if (!redirectIfSignedOut(answer.problem)) showStatus(root.querySelector('[data-role=status]'), 'error', describeProblem(answer.problem));
    return;
  }
  const person = answer.value;
  const identity = root.querySelector<HTMLElement>('[data-role=identity]');
  if (identity) identity.textContent = t('AccountPage.Identity', person.displayName, person.email);
  // A restricted session (a forced password change, an administrator's missing second factor) finishes that first;
  // its sessions list is refused until then.
  const restriction = person.restriction ?? null;
  const notice = root.querySelector<HTMLElement>('[data-role=restriction]');
  if (notice && restriction) {
    notice.textContent = t(restriction === 'twoFactorSetup' ? 'AccountPage.RestrictedTwoFactor' : 'AccountPage.RestrictedPassword');
    notice.hidden = false;
  }
  wirePassword(root, person, restriction !== null);
  const passkeysCounted = wireTwoFactor(root, person.totpEnabled, person.passkeyCount, restriction === 'twoFactorSetup');
  await wirePasskeys(root, passkeysCounted);
  if (restriction === null) await showSessions(root);
}

function wirePassword(root: HTMLElement, person: account.Me, restricted: boolean): void {
  const form = root.querySelector<HTMLFormElement>('form[data-role=change-password]');
  const fieldset = form?.querySelector<HTMLElement>('[data-role=new-password]');
  if (!form || !fieldset) return;
  const fresh = wireNewPassword(fieldset, () => [person.email, person.displayName]);
  submit(form, async (_, data) => {
    const status = form.querySelector<HTMLElement>('[data-role=status]');
    const problem = fresh.problem();
    if (problem) {
      showStatus(status, 'error', problem);
      return;
    }
    const result = await account.changePassword(String(data.get('currentPassword') ?? ''), fresh.value());
    if (result.ok) {
      form.reset();
      fresh.reset();
      showStatus(status, 'success', t('Password.Changed'));
      if (restricted) {
        window.location.reload(); // the session is no longer restricted: the whole page and header apply
        return;
      }
      await showSessions(root);
    } else if (result.problem.retryAfter !== null) {
      throttle(status, form.querySelector('button[type=submit]'), result.problem.retryAfter);
    } else if (!redirectIfSignedOut(result.problem)) {
      showStatus(status, 'error', `${t('Password.Failed')} ${describeProblem(result.problem)}`);
    }
  });
}

/** Returns what the passkey panel calls with the account's passkey count, which the TOTP state line mentions. */
function wireTwoFactor(root: HTMLElement, initiallyEnabled: boolean, initialPasskeys: number, setupRequired: boolean): (passkeys: number) => void {
  const section = root.querySelector<HTMLElement>('[data-role=two-factor]');
  if (!section) return () => undefined;
  const part = <T extends HTMLElement>(role: string) => section.querySelector<T>(`[data-role=${role}]`);
  const status = section.querySelector<HTMLElement>(':scope > [data-role=status]');
  const setupButton = section.querySelector<HTMLButtonElement>('[data-action=totp-setup]');
  const enroll = part<HTMLElement>('totp-enroll');
  const codes = part<HTMLElement>('recovery-codes');
  const disable = part<HTMLFormElement>('totp-disable');
  const regenerate = part<HTMLFormElement>('recovery-regenerate');
  let recovery: string[] = [];
  let totp = initiallyEnabled;
  let passkeys = initialPasskeys;

  const showState = () => {
    const state = part<HTMLElement>('totp-state');
    if (state) state.textContent = totp ? t('AccountPage.TotpOn') : passkeys > 0 ? t('AccountPage.TotpOffWithPasskey') : t('AccountPage.TotpOff');
  };
  const render = (enabled: boolean) => {
    totp = enabled;
    showState();
    if (setupButton) setupButton.hidden = enabled;
    if (disable) disable.hidden = !enabled;
    if (regenerate) regenerate.hidden = !enabled;
    if (enroll) enroll.hidden = true;
  };
  render(initiallyEnabled);

  const showCodes = (fresh: string[]) => {
    recovery = fresh;
    const list = part<HTMLOListElement>('recovery-list');
    list?.replaceChildren(...recovery.map((code) => Object.assign(document.createElement('li'), { textContent: code })));
    if (codes) codes.hidden = false;
    codes?.querySelector<HTMLButtonElement>('[data-action=recovery-copy]')?.focus();
  };

  setupButton?.addEventListener('click', async () => {
    setupButton.disabled = true;
    const result = await account.setUpTotp();
    setupButton.disabled = false;
    if (!result.ok) {
      if (!redirectIfSignedOut(result.problem)) showStatus(status, 'error', describeProblem(result.problem));
      return;
    }
    // The CSP's img-src allows data:, and an SVG shown as an image runs no script: no markup enters the page.
    const qr = part<HTMLImageElement>('totp-qr');
    if (qr) qr.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(result.value.qrSvg)}`;
    const secret = part<HTMLElement>('totp-secret');
    if (secret) secret.textContent = result.value.secret.replace(/(.{4})(?=.)/g, '$1 ');
    setupButton.hidden = true;
    if (enroll) enroll.hidden = false;
    enroll?.querySelector<HTMLInputElement>('input[name=code]')?.focus();
  });

  submit(part<HTMLFormElement>('totp-confirm'), async (form, data) => {
    const result = await account.confirmTotp(String(data.get('code') ?? '').replace(/\s+/g, ''));
    if (!result.ok) {
      if (result.problem.retryAfter !== null) throttle(status, form.querySelector('button[type=submit]'), result.problem.retryAfter);
      else if (!redirectIfSignedOut(result.problem)) showStatus(status, 'error', describeProblem(result.problem));
      return;
    }
    form.reset();
    render(true);
    showStatus(status, 'success', t('AccountPage.TotpEnabled'));
    showCodes(result.value.recoveryCodes);
  });

  // Six digits are a TOTP code; anything else is the password (at least 12 characters, so never six digits).
  submit(regenerate, async (form, data) => {
    const typed = String(data.get('confirmation') ?? '');
    const digits = typed.replace(/\s+/g, '');
    const result = await account.regenerateRecoveryCodes(/^\d{6}$/.test(digits) ? { code: digits } : { password: typed });
    if (result.ok) {
      form.reset();
      showStatus(status, 'success', t('AccountPage.RecoveryRegenerated'));
      showCodes(result.value.recoveryCodes);
    } else if (result.problem.retryAfter !== null) {
      throttle(status, form.querySelector('button[type=submit]'), result.problem.retryAfter);
    } else if (!redirectIfSignedOut(result.problem)) {
      showStatus(status, 'error', describeProblem(result.problem));
    }
  });

  codes?.querySelector<HTMLButtonElement>('[data-action=recovery-copy]')?.addEventListener('click', async (event) => {
    const button = event.currentTarget as HTMLButtonElement;
    await confirmCopy(button, await copyText(recovery.join('\n')));
  });
  codes?.querySelector<HTMLButtonElement>('[data-action=recovery-download]')?.addEventListener('click', () => {
    const url = URL.createObjectURL(new Blob([`${recovery.join('\r\n')}\r\n`], { type: 'text/plain;charset=utf-8' }));
    const link = Object.assign(document.createElement('a'), { href: url, download: t('AccountPage.RecoveryFileName') });
    link.click();
    window.setTimeout(() => URL.revokeObjectURL(url), 1000);
  });
  codes?.querySelector<HTMLButtonElement>('[data-action=recovery-done]')?.addEventListener('click', () => {
    // The codes leave the page: they were shown once.
    recovery = [];
    part<HTMLOListElement>('recovery-list')?.replaceChildren();
    if (codes) codes.hidden = true;
    if (setupRequired) window.location.assign('/meetings'); // the second factor lifted the restriction
  });

  submit(disable, async (form, data) => {
    const result = await account.disableTotp(String(data.get('code') ?? '').replace(/\s+/g, ''));
    if (result.ok) {
      form.reset();
      render(false);
      showStatus(status, 'success', t('AccountPage.TotpDisabled'));
    } else if (result.problem.retryAfter !== null) {
      throttle(status, form.querySelector('button[type=submit]'), result.problem.retryAfter);
    } else if (!redirectIfSignedOut(result.problem)) {
      showStatus(status, 'error', describeProblem(result.problem));
    }
  });

  return (count) => {
    passkeys = count;
    showState();
  };
}

async function showSessions(root: HTMLElement): Promise<void> {
  const list = root.querySelector<HTMLUListElement>('[data-role=sessions]');
  const status = root.querySelector<HTMLElement>('[data-role=sessions-status]');
  if (!list) return;
  const result = await account.sessions();
  if (!result.ok) {
    if (!redirectIfSignedOut(result.problem)) showStatus(status, 'error', describeProblem(result.problem));
    return;
  }
  list.replaceChildren(...result.value.map((session) => sessionItem(session, async (button) => {
    button.disabled = true;
    const revoked = await account.revokeSession(session.id);
    if (!revoked.ok) {
      button.disabled = false;
      if (!redirectIfSignedOut(revoked.problem)) showStatus(status, 'error', describeProblem(revoked.problem));
      return;
    }
    if (session.current) {
      window.location.assign('/sign-in');
      return;
    }
    showStatus(status, 'success', t('AccountPage.SessionRevoked'));
    await showSessions(root);
  })));
  if (result.value.every((s) => s.current)) showStatus(status, 'info', t('AccountPage.SessionsNone'));
}

function sessionItem(session: account.AccountSession, revoke: (button: HTMLButtonElement) => Promise<void>): HTMLLIElement {
  const item = document.createElement('li');
  const browser = document.createElement('strong');
  browser.textContent = describeBrowser(session.userAgent);
  const details = document.createElement('span');
  details.className = 'hint';
  details.textContent = t('AccountPage.SessionDetails', formatDateTime(session.createdAt), formatDateTime(session.lastSeenAt), session.ipAddress ?? '');
  item.append(browser, details);
  if (session.current) {
    const badge = document.createElement('span');
    badge.className = 'badge';
    badge.textContent = t('AccountPage.SessionCurrent');
    browser.append(' ', badge);
  }
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = t('AccountPage.SessionRevoke');
  button.addEventListener('click', () => void revoke(button));
  item.append(button);
  return item;
}

/** A short, readable name for a user agent ("Chrome on Linux"), never markup. */
function describeBrowser(userAgent: string | null): string {
  if (!userAgent) return t('AccountPage.UnknownBrowser');
  const browser = /Edg\//.test(userAgent) ? 'Edge' : /Firefox\//.test(userAgent) ? 'Firefox' : /Chrom(e|ium)\//.test(userAgent) ? 'Chrome'
    : /Safari\//.test(userAgent) ? 'Safari' : null;
  const system = /Android/.test(userAgent) ? 'Android' : /iPhone|iPad/.test(userAgent) ? 'iOS' : /Windows/.test(userAgent) ? 'Windows'
    : /Mac OS X/.test(userAgent) ? 'macOS' : /Linux/.test(userAgent) ? 'Linux' : null;
  return browser && system ? `${browser} · ${system}` : userAgent.slice(0, 80);
}
