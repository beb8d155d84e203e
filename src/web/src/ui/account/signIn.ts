// The sign-in page: e-mail and password, then the second factor the server asks for, or a required password change.
import { changePassword, type SignInAnswer, signIn, signInWithRecoveryCode, signInWithTotp } from '../../protocol/account';
import type { HttpResult } from '../../protocol/request';
import { t } from '../text';
import { throttle } from './countdown';
import { wireNewPassword } from './newPassword';
import { submit } from './forms';
import { describeProblem, showStatus } from './status';
import { passkeySignInStep } from './passkeys';

type Step = 'password' | 'passkey' | 'totp' | 'recovery' | 'change-password';

export function wireSignIn(section: HTMLElement): void {
  const forms = new Map<Step, HTMLFormElement>();
  for (const form of section.querySelectorAll<HTMLFormElement>('form[data-step]')) {
    forms.set(form.dataset['step'] as Step, form);
  }
  const target = section.dataset['return'] ?? '/meetings';
  let currentPassword = '';
  let email = '';

  const show = (step: Step) => {
    for (const [name, form] of forms) {
      form.hidden = name !== step;
    }
    forms.get(step)?.querySelector<HTMLInputElement>('input')?.focus();
  };

  const follow = (answer: SignInAnswer) => {
    switch (answer.status) {
      case 'signedIn':
        currentPassword = '';
        window.location.assign(target);
        return;
      case 'passwordChangeRequired':
        show('change-password');
        return;
      case 'twoFactorSetupRequired':
        // An administrator without a second factor sets one up on the account page before anything else.
        currentPassword = '';
        window.location.assign('/account');
        return;
      case 'twoFactorRequired': {
        // A step is offered only for the methods the server lists (a passkey first), each linking to the others.
        const methods = answer.methods ?? ['totp', 'recovery'];
        for (const link of section.querySelectorAll<HTMLButtonElement>('form [data-goto]')) {
          link.hidden = !methods.includes(link.dataset['goto'] as 'totp');
        }
        show(methods[0] ?? 'totp');
        return;
      }
    }
  };

  // Any refusal of a credential gets the same single message; a 429 counts down until the next try is allowed.
  const refuse = (form: HTMLFormElement, result: HttpResult<SignInAnswer>, message: string) => {
    if (result.ok) return;
    const status = form.querySelector<HTMLElement>('[data-role=status]');
    const button = form.querySelector<HTMLButtonElement>('button[type=submit]');
    if (result.problem.retryAfter !== null) {
      throttle(status, button, result.problem.retryAfter);
    } else {
      showStatus(status, 'error', result.problem.status === 401 ? t('SignInPage.CodeRestart') : message);
    }
  };

  forms.set('passkey', passkeySignInStep(section, follow, refuse));

  for (const link of section.querySelectorAll<HTMLButtonElement>('[data-goto]')) {
    link.addEventListener('click', () => show(link.dataset['goto'] as Step));
  }

  submit(forms.get('password'), async (form, data) => {
    email = String(data.get('email') ?? '').trim();
    const password = String(data.get('password') ?? '');
    if (email.length === 0 || password.length === 0) {
      showStatus(form.querySelector('[data-role=status]'), 'error', t('SignInPage.Missing'));
      return;
    }
    const result = await signIn(email, password);
    if (result.ok) {
      currentPassword = password;
      form.reset();
      follow(result.value);
    } else {
      refuse(form, result, t('SignInPage.Failed'));
    }
  });

  for (const [step, call] of [['totp', signInWithTotp], ['recovery', signInWithRecoveryCode]] as const) {
    submit(forms.get(step), async (form, data) => {
      const result = await call(String(data.get('code') ?? '').replace(/\s+/g, ''));
      if (result.ok) {
        follow(result.value);
      } else {
        refuse(form, result, t('SignInPage.CodeWrong'));
      }
    });
  }

  const changeForm = forms.get('change-password');
  const fieldset = changeForm?.querySelector<HTMLElement>('[data-role=new-password]');
  if (changeForm && fieldset) {
    const fresh = wireNewPassword(fieldset, () => [email]);
    submit(changeForm, async (form) => {
      const status = form.querySelector<HTMLElement>('[data-role=status]');
      const problem = fresh.problem();
      if (problem) {
        showStatus(status, 'error', problem);
        return;
      }
      const result = await changePassword(currentPassword, fresh.value());
      if (result.ok) {
        currentPassword = '';
        window.location.assign(target);
      } else if (result.problem.retryAfter !== null) {
        throttle(status, form.querySelector('button[type=submit]'), result.problem.retryAfter);
      } else {
        showStatus(status, 'error', `${t('Password.Failed')} ${describeProblem(result.problem)}`);
      }
    });
  }
}
