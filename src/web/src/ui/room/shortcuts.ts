// Single-key shortcuts in the room (M microphone, V camera, H hand, C chat, P participants, L layout, ? the list).
// Never while typing in a field, and never with Ctrl, Alt or Meta (those belong to the browser and assistive tools).
import { t } from '../text';
import { el } from './dom';

export function wireShortcuts(room: HTMLElement, actions: Record<string, () => void>, helpButton: HTMLButtonElement): void {
  const dialog = el('dialog', 'shortcuts');
  dialog.dataset['role'] = 'shortcuts';
  dialog.setAttribute('aria-labelledby', 'shortcuts-heading');
  const heading = el('h2', undefined, t('Room.Shortcuts'));
  heading.id = 'shortcuts-heading';
  const list = el('dl');
  for (const key of [...Object.keys(actions), '?']) {
    list.append(el('dt', undefined, key.toUpperCase()), el('dd', undefined, t(`Room.Shortcut.${key === '?' ? 'help' : key}`)));
  }
  const close = el('button', 'primary', t('Room.Close'));
  close.type = 'button';
  close.addEventListener('click', () => dialog.close());
  dialog.append(heading, list, close);
  room.append(dialog);
  helpButton.addEventListener('click', () => dialog.showModal());

  document.addEventListener('keydown', (event) => {
    // No shortcut behind a modal dialog (this list, or a confirm waiting for an answer).
    if (event.ctrlKey || event.altKey || event.metaKey || event.repeat || !room.isConnected || document.querySelector('dialog[open]')) return;
    const target = event.target as HTMLElement | null;
    if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return;
    if (event.key === '?') {
      event.preventDefault();
      dialog.showModal();
      return;
    }
    const action = actions[event.key.toLowerCase()];
    if (action) {
      event.preventDefault();
      action();
    }
  });
}
