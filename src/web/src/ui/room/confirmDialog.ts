// The in-page confirm for a host's dangerous actions (remove, ban, hand over, end for all), in place of window.confirm:
// a modal <dialog> labelled by its question, focus on the safe choice (Cancel), Escape cancels, and focus goes back to
// what had it. One dialog serves the page; a new question cancels one still open.
import { t } from '../text';
import { el } from './dom';

let current: { dialog: HTMLDialogElement; question: HTMLElement; accept: HTMLButtonElement; cancel: HTMLButtonElement } | null = null;

function parts() {
  if (current?.dialog.isConnected) return current;
  const dialog = el('dialog', 'confirm-dialog');
  dialog.dataset['role'] = 'confirm-dialog';
  dialog.setAttribute('aria-labelledby', 'confirm-dialog-question');
  const question = el('h2');
  question.id = 'confirm-dialog-question';
  const actions = el('div', 'actions');
  const cancel = el('button', undefined, t('Room.Confirm.Cancel'));
  cancel.type = 'button';
  cancel.dataset['action'] = 'confirm-cancel';
  cancel.autofocus = true;
  const accept = el('button');
  accept.type = 'button';
  accept.dataset['action'] = 'confirm-accept';
  cancel.addEventListener('click', () => dialog.close('cancel'));
  accept.addEventListener('click', () => dialog.close('confirm'));
  actions.append(cancel, accept);
  dialog.append(question, actions);
  document.body.append(dialog);
  current = { dialog, question, accept, cancel };
  return current;
}

/** Asks `question`; resolves true only when the person chooses `acceptLabel` (Escape and Cancel answer false). */
export function confirmAction(question: string, acceptLabel: string, options: { danger?: boolean } = {}): Promise<boolean> {
  const { dialog, question: heading, accept, cancel } = parts();
  if (dialog.open) dialog.close('cancel');
  const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  heading.textContent = question;
  accept.textContent = acceptLabel;
  accept.className = options.danger === false ? 'primary' : 'danger';
  dialog.returnValue = '';
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      if (before?.isConnected) before.focus();
      resolve(dialog.returnValue === 'confirm');
    }, { once: true });
    dialog.showModal();
    cancel.focus();
  });
}
