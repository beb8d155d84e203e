// "Link leaked": a confirm dialog; on confirmation the server replaces code, link and passcode in one act and the
// dialog shows the new ones.
import { type MeetingSummary, rotateMeeting } from '../../protocol/meetings';
import { throttle } from '../account/countdown';
import { clearStatus, describeProblem, redirectIfSignedOut, showStatus } from '../account/status';
import { showSecrets } from './secrets';

export function wireRotateDialog(dialog: HTMLDialogElement | null, rotated: () => void): (meeting: MeetingSummary) => void {
  let meeting: MeetingSummary | null = null;
  const ask = dialog?.querySelector<HTMLElement>('[data-role=rotate-ask]');
  const done = dialog?.querySelector<HTMLElement>('[data-role=rotate-done]');
  const status = dialog?.querySelector<HTMLElement>(':scope > [data-role=status]') ?? null;
  const confirm = dialog?.querySelector<HTMLButtonElement>('[data-action=rotate-confirm]');
  for (const close of dialog?.querySelectorAll<HTMLButtonElement>('[data-action=close]') ?? []) {
    close.addEventListener('click', () => dialog?.close());
  }
  dialog?.addEventListener('close', () => {
    // The new passcode leaves the page with the dialog.
    done?.querySelectorAll<HTMLInputElement>('input').forEach((input) => (input.value = ''));
  });
  confirm?.addEventListener('click', async () => {
    if (!meeting || !dialog) return;
    confirm.disabled = true;
    const result = await rotateMeeting(meeting.code);
    if (confirm.dataset['throttled'] === undefined) confirm.disabled = false;
    if (!result.ok) {
      if (result.problem.retryAfter !== null) throttle(status, confirm, result.problem.retryAfter);
      else if (!redirectIfSignedOut(result.problem)) showStatus(status, 'error', describeProblem(result.problem));
      return;
    }
    if (done) showSecrets(done, result.value);
    if (ask) ask.hidden = true;
    if (done) done.hidden = false;
    done?.querySelector<HTMLButtonElement>('button[data-copy]')?.focus();
    rotated();
  });
  return (chosen) => {
    if (!dialog) return;
    meeting = chosen;
    clearStatus(status);
    if (ask) ask.hidden = false;
    if (done) done.hidden = true;
    dialog.showModal();
  };
}
