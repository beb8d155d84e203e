// The new-password fieldset: live strength feedback while typing, checks before sending, the server's reasons after.
import { t } from '../text';

type Scorer = (password: string, userInputs: string[]) => number;
let scorer: Promise<Scorer> | null = null;

function loadScorer(): Promise<Scorer> {
  scorer ??= import('./passwordStrength').then((module) => module.score);
  return scorer;
}

export interface NewPasswordField {
  readonly value: () => string;
  /** A localised reason the password cannot be sent, or null. */
  readonly problem: () => string | null;
  readonly reset: () => void;
}

export function wireNewPassword(fieldset: HTMLElement, userInputs: () => string[]): NewPasswordField {
  const input = fieldset.querySelector<HTMLInputElement>('input[name=newPassword]');
  const confirm = fieldset.querySelector<HTMLInputElement>('input[name=confirmPassword]');
  const meter = fieldset.querySelector<HTMLElement>('[data-role=strength]');
  const text = fieldset.querySelector<HTMLElement>('[data-role=strength-text]');
  let latest = 0;
  input?.addEventListener('input', async () => {
    const password = input.value;
    const ticket = ++latest;
    if (password.length === 0) {
      meter?.setAttribute('data-score', '-1');
      if (text) text.textContent = t('Password.Hint');
      return;
    }
    const score = (await loadScorer())(password, userInputs());
    if (ticket !== latest) {
      return; // a later keystroke already answered
    }
    const shown = password.length < 12 ? Math.min(score, 1) : score;
    meter?.setAttribute('data-score', String(shown));
    if (text) {
      text.textContent = password.length < 12 ? `${t(`Password.Score${shown}`)} ${t('Password.TooShort')}` : t(`Password.Score${shown}`);
    }
  });
  return {
    value: () => input?.value ?? '',
    problem: () => {
      const password = input?.value ?? '';
      if (password.length < 12) return t('Password.TooShort');
      if (password !== (confirm?.value ?? '')) return t('Password.Differ');
      return null;
    },
    reset: () => {
      if (input) input.value = '';
      if (confirm) confirm.value = '';
      meter?.setAttribute('data-score', '-1');
      if (text) text.textContent = t('Password.Hint');
    },
  };
}
