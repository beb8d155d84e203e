// The join form: name (prefilled for a signed-in person, remembered on this device otherwise) and the passcode
// the person types. Field errors sit under their field; the answer's error in one alert.
import { getJson, type ApiProblem } from '../../protocol/api';
import { t } from '../text';

const rememberedName = 'anhop.displayName';

export interface JoinFields {
  readonly displayName: string;
  readonly passcode: string;
}

export class JoinForm {
  private countdown = 0;

  private constructor(
    readonly form: HTMLFormElement,
    private readonly name: HTMLInputElement,
    private readonly passcode: HTMLInputElement,
    private readonly button: HTMLButtonElement,
    private readonly error: HTMLElement,
  ) {}

  static find(root: HTMLElement): JoinForm | undefined {
    const form = root.querySelector<HTMLFormElement>('form[data-role=join-form]');
    const name = form?.querySelector<HTMLInputElement>('input[name=displayName]');
    const passcode = form?.querySelector<HTMLInputElement>('input[name=passcode]');
    const button = form?.querySelector<HTMLButtonElement>('button[data-action=join]');
    const error = form?.querySelector<HTMLElement>('[data-role=join-error]');
    return form && name && passcode && button && error ? new JoinForm(form, name, passcode, button, error) : undefined;
  }

  /** The account's display name when signed in (the endpoint may refuse or be missing: then nothing), else the name used last time here. */
  async prefill(signedIn: boolean): Promise<void> {
    let name = '';
    if (signedIn) {
      try {
        name = (await getJson<{ displayName?: string }>('/api/account/me')).displayName ?? '';
      } catch {
        // Not signed in after all, or no account API on this server: fall back to the remembered name.
      }
    }
    name ||= localStorage.getItem(rememberedName) ?? '';
    if (name && !this.name.value) {
      this.name.value = name;
    }
  }

  /** The trimmed fields, or undefined after marking each empty one and focusing the first. */
  validate(): JoinFields | undefined {
    this.clearErrors();
    const displayName = this.name.value.trim();
    const passcode = this.passcode.value.trim();
    const missing: Array<[HTMLInputElement, string]> = [];
    if (!displayName) missing.push([this.name, 'Lobby.Error.NameRequired']);
    if (!passcode) missing.push([this.passcode, 'Lobby.Error.PasscodeRequired']);
    for (const [input, key] of missing) this.fieldError(input, t(key));
    missing[0]?.[0].focus();
    if (missing.length > 0) {
      return undefined;
    }
    localStorage.setItem(rememberedName, displayName);
    return { displayName, passcode };
  }

  busy(on: boolean): void {
    this.button.disabled = on;
    this.button.textContent = t(on ? 'Lobby.Joining' : 'Lobby.Join');
    this.form.toggleAttribute('aria-busy', on);
  }

  /** One message for an unknown meeting and a wrong passcode (the server answers both alike); a countdown for 429. */
  showProblem(problem: ApiProblem): void {
    if (problem.status === 429) {
      this.throttle(problem.retryAfterSeconds ?? 30);
      return;
    }
    if (problem.status === 400 && Object.keys(problem.errors).length > 0) {
      for (const [field, messages] of Object.entries(problem.errors)) {
        const input = field.toLowerCase() === 'passcode' ? this.passcode : field.toLowerCase() === 'displayname' ? this.name : undefined;
        if (input) {
          this.fieldError(input, messages.join(' '));
        } else {
          this.showError(messages.join(' '), 'invalid');
        }
      }
      return;
    }
    if (problem.status === 404) {
      this.showError(t('Lobby.Error.NotFound'), 'not-found');
      this.passcode.select();
      this.passcode.focus();
      return;
    }
    this.showError(t('Lobby.Error.Generic'), 'failed');
  }

  showError(text: string, kind: string): void {
    this.error.textContent = text;
    this.error.dataset['kind'] = kind;
  }

  clearErrors(): void {
    this.error.textContent = '';
    delete this.error.dataset['kind'];
    for (const input of [this.name, this.passcode]) {
      input.removeAttribute('aria-invalid');
      const slot = this.form.querySelector<HTMLElement>(`[data-error-for=${input.name}]`);
      if (slot) slot.textContent = '';
    }
  }

  private fieldError(input: HTMLInputElement, text: string): void {
    input.setAttribute('aria-invalid', 'true');
    const slot = this.form.querySelector<HTMLElement>(`[data-error-for=${input.name}]`);
    if (slot) slot.textContent = text;
  }

  /** The button stays disabled and counts down the seconds the server asked for. */
  private throttle(seconds: number): void {
    window.clearInterval(this.countdown);
    let left = Math.ceil(seconds);
    const tick = (): void => {
      if (left <= 0) {
        window.clearInterval(this.countdown);
        this.clearErrors();
        this.busy(false);
        return;
      }
      this.showError(t('Lobby.Error.Throttled', left), 'throttled');
      this.button.disabled = true;
      this.button.textContent = t('Lobby.RetryIn', left);
      left -= 1;
    };
    tick();
    this.countdown = window.setInterval(tick, 1000);
  }
}
