// The host's waiting list, mounted by the meeting view into a container it owns: the people waiting with
// Admit / Deny / Admit all, and a knock notification (a toast and a short chime). The server decides who may
// moderate; this list only asks.
import type { MeetingHub, Waiter } from '../../protocol/meetingHub';
import { t } from '../text';
import { playKnock } from './knockSound';

export interface WaitingListOptions {
  /** Play the chime on a knock (default true). */
  readonly sound?: boolean;
  /** Where toasts appear (default: the container). */
  readonly toastHost?: HTMLElement;
  /** The list as Join answered it (`waiting`, for hosts); later changes come from WaitingListChanged. */
  readonly initial?: readonly Waiter[];
}

export interface WaitingListHandle {
  /** How many people wait now (the meeting view may show it on a button). */
  readonly count: () => number;
  /** Shows this list as a snapshot (Join's answer): the events before it may have raced it. */
  replace(next: readonly Waiter[]): void;
  dispose(): void;
}

const toastLifetimeMs = 8000;

export function mountWaitingList(container: HTMLElement, hub: MeetingHub, options: WaitingListOptions = {}): WaitingListHandle {
  let waiting: readonly Waiter[] = options.initial ?? [];
  const section = document.createElement('section');
  section.className = 'waiting-list';
  section.dataset['role'] = 'waiting-list';
  const heading = document.createElement('h2');
  heading.id = `waiting-list-${Math.random().toString(36).slice(2, 8)}`;
  heading.textContent = t('Lobby.WaitingList.Title');
  section.setAttribute('aria-labelledby', heading.id);
  const summary = document.createElement('p');
  summary.className = 'waiting-summary';
  summary.setAttribute('role', 'status');
  const list = document.createElement('ul');
  list.className = 'waiting-people';
  const admitAll = button(t('Lobby.WaitingList.AdmitAll'), 'admit-all', 'primary');
  const failure = document.createElement('p');
  failure.className = 'waiting-failure';
  failure.setAttribute('role', 'alert');
  section.append(heading, summary, list, admitAll, failure);
  container.append(section);
  const toasts = document.createElement('div');
  toasts.className = 'knock-toasts';
  toasts.setAttribute('aria-live', 'polite');
  (options.toastHost ?? container).append(toasts);

  const act = async (control: HTMLButtonElement, call: () => Promise<void>): Promise<void> => {
    control.disabled = true;
    failure.textContent = '';
    try {
      await call();
    } catch {
      failure.textContent = t('Lobby.WaitingList.Failed');
      control.disabled = false;
    }
  };
  admitAll.addEventListener('click', () => void act(admitAll, () => hub.admitAll()));

  const render = (): void => {
    list.replaceChildren(...waiting.map((waiter) => {
      const item = document.createElement('li');
      item.dataset['waiter'] = waiter.id;
      const name = document.createElement('span');
      name.className = 'waiter-name';
      name.textContent = waiter.displayName;
      const admit = button(t('Lobby.WaitingList.Admit'), 'admit', 'primary', t('Lobby.WaitingList.AdmitLabel', waiter.displayName));
      const deny = button(t('Lobby.WaitingList.Deny'), 'deny', 'secondary', t('Lobby.WaitingList.DenyLabel', waiter.displayName));
      admit.addEventListener('click', () => void act(admit, () => hub.admit(waiter.id)));
      deny.addEventListener('click', () => void act(deny, () => hub.deny(waiter.id)));
      item.append(name, admit, deny);
      return item;
    }));
    summary.textContent = waiting.length === 0 ? t('Lobby.WaitingList.Empty') : t('Lobby.WaitingList.Count', waiting.length);
    admitAll.hidden = waiting.length < 2;
    admitAll.disabled = false;
    container.dataset['waiting'] = String(waiting.length);
  };

  const toast = (waiter: Waiter): void => {
    const note = document.createElement('div');
    note.className = 'knock-toast';
    note.dataset['role'] = 'knock-toast';
    const text = document.createElement('p');
    text.textContent = t('Lobby.WaitingList.Knocked', waiter.displayName);
    const dismiss = button('×', 'dismiss', 'icon', t('Lobby.WaitingList.Dismiss'));
    dismiss.addEventListener('click', () => note.remove());
    note.append(text, dismiss);
    toasts.append(note);
    window.setTimeout(() => note.remove(), toastLifetimeMs);
  };

  const stop = hub.watchWaitingRoom({
    knocked: (waiter) => {
      toast(waiter);
      if (options.sound ?? true) {
        playKnock();
      }
    },
    waitingListChanged: (next) => {
      waiting = next;
      render();
    },
  });
  render();

  return {
    count: () => waiting.length,
    replace: (next) => {
      waiting = next;
      render();
    },
    dispose: () => {
      stop();
      section.remove();
      toasts.remove();
    },
  };
}

function button(text: string, action: string, style: string, label?: string): HTMLButtonElement {
  const element = document.createElement('button');
  element.type = 'button';
  element.className = style;
  element.dataset['action'] = action;
  element.textContent = text;
  if (label) {
    element.setAttribute('aria-label', label);
  }
  return element;
}
