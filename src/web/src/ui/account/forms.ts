// Forms sent by script: one request at a time, the status line cleared first.
import { clearStatus } from './status';

/** Submits a form through `handler` with its button disabled meanwhile and its status cleared first. */
export function submit(form: HTMLFormElement | undefined | null, handler: (form: HTMLFormElement, data: FormData) => Promise<void>): void {
  form?.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector<HTMLButtonElement>('button[type=submit]');
    if (button?.disabled) return;
    clearStatus(form.querySelector('[data-role=status]'));
    if (button) button.disabled = true;
    try {
      await handler(form, new FormData(form));
    } finally {
      // A throttle countdown keeps the button disabled until it ends.
      if (button && button.dataset['throttled'] === undefined) button.disabled = false;
    }
  });
}
