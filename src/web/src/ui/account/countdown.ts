// "Try again in N s" after a 429: the message counts down every second and the button comes back at zero.
import { t } from '../text';
import { showStatus, clearStatus } from './status';

export function throttle(status: HTMLElement | null, button: HTMLButtonElement | null, seconds: number): void {
  let left = Math.max(1, Math.ceil(seconds));
  if (button) {
    button.disabled = true;
    button.dataset['throttled'] = 'true';
  }
  showStatus(status, 'error', t('Ui.Throttled', left));
  const timer = window.setInterval(() => {
    left -= 1;
    if (left > 0) {
      showStatus(status, 'error', t('Ui.Throttled', left));
      return;
    }
    window.clearInterval(timer);
    clearStatus(status);
    if (button) {
      button.disabled = false;
      delete button.dataset['throttled'];
    }
  }, 1000);
}
