// The participants panel: everyone in the meeting with their role and state, and — for hosts and co-hosts — the
// actions PROTOCOL allows per person. The server decides; a refused action shows its message.
import type { MeetingHubClient, Participant } from '../../protocol/meetingHub';
import { t } from '../text';
import { confirmAction } from './confirmDialog';
import { el, roleOf } from './dom';

export interface ParticipantsPanel {
  readonly element: HTMLElement;
  /** Where the lobby's waiting-list module mounts (hosts only). */
  readonly waitingList: HTMLElement;
  render(participants: readonly Participant[], me: { id: string; role: string; canModerate: boolean }, meeting: { locked: boolean; chatEnabled: boolean }): void;
}

type Action = { readonly action: string; readonly label: string; readonly run: () => Promise<void>; readonly danger?: boolean; readonly confirm?: string };

export function createParticipantsPanel(hub: MeetingHubClient, onError: (message: string) => void): ParticipantsPanel {
  const element = el('section', 'room-panel participants');
  element.dataset['role'] = 'participants';
  element.setAttribute('aria-labelledby', 'participants-heading');
  const heading = el('h2', undefined, t('Room.Participants'));
  heading.id = 'participants-heading';
  const waitingList = el('div', 'waiting-list');
  waitingList.dataset['role'] = 'waiting-list';
  waitingList.hidden = true;
  const list = el('ul', 'participant-list');
  // The meeting as a whole (hosts and co-hosts): lock, mute everyone, chat on or off.
  const meetingActions = el('div', 'action-list meeting-actions');
  meetingActions.dataset['role'] = 'meeting-actions';
  const meetingButton = (action: string, run: () => Promise<void>): HTMLButtonElement => {
    const b = el('button', 'action');
    b.type = 'button';
    b.dataset['action'] = action;
    b.addEventListener('click', () => {
      b.disabled = true;
      run().catch(() => onError(t('Room.ActionFailed'))).finally(() => { b.disabled = false; });
    });
    meetingActions.append(b);
    return b;
  };
  let state = { locked: false, chatEnabled: true };
  const lock = meetingButton('lock', () => hub.lock(!state.locked));
  meetingButton('mute-all', () => hub.muteAll()).textContent = t('Room.Action.MuteAll');
  const chatSwitch = meetingButton('chat-switch', () => hub.setChatEnabled(!state.chatEnabled));
  element.append(heading, meetingActions, waitingList, list);

  const actionsFor = (p: Participant, me: { id: string; role: string }): Action[] => {
    const role = roleOf(p.role);
    const iAmHost = me.role === 'host';
    const actions: Action[] = [];
    if (!p.audioMuted) actions.push({ action: 'mute', label: t('Room.Action.Mute'), run: () => hub.moderate('Mute', p.id) });
    else actions.push({ action: 'ask-unmute', label: t('Room.Action.AskToUnmute'), run: () => hub.moderate('AskToUnmute', p.id) });
    if (!p.videoOff) actions.push({ action: 'stop-camera', label: t('Room.Action.StopCamera'), run: () => hub.moderate('StopCamera', p.id) });
    actions.push(p.canShareScreen
      ? { action: 'revoke-share', label: t('Room.Action.RevokeShare'), run: () => hub.allowScreenShare(p.id, false) }
      : { action: 'allow-share', label: t('Room.Action.AllowShare'), run: () => hub.allowScreenShare(p.id, true) });
    if (iAmHost) {
      actions.push(role === 'cohost'
        ? { action: 'revoke-cohost', label: t('Room.Action.RevokeCoHost'), run: () => hub.makeCoHost(p.id, false) }
        : { action: 'make-cohost', label: t('Room.Action.MakeCoHost'), run: () => hub.makeCoHost(p.id, true) });
      actions.push({ action: 'hand-over', label: t('Room.Action.HandOverHost'), run: () => hub.moderate('HandOverHost', p.id), confirm: t('Room.Confirm.HandOverHost', p.displayName) });
    }
    actions.push({ action: 'remove', label: t('Room.Action.Remove'), run: () => hub.moderate('Remove', p.id), danger: true, confirm: t('Room.Confirm.Remove', p.displayName) });
    actions.push({ action: 'ban', label: t('Room.Action.Ban'), run: () => hub.moderate('Ban', p.id), danger: true, confirm: t('Room.Confirm.Ban', p.displayName) });
    return actions;
  };

  const render: ParticipantsPanel['render'] = (participants, me, meeting) => {
    state = meeting;
    heading.textContent = t('Room.ParticipantsCount', participants.length);
    meetingActions.hidden = !me.canModerate;
    lock.textContent = meeting.locked ? t('Room.Action.Unlock') : t('Room.Action.Lock');
    chatSwitch.textContent = meeting.chatEnabled ? t('Room.Action.ChatOff') : t('Room.Action.ChatOn');
    waitingList.hidden = !me.canModerate;
    // A re-render keeps what the host was doing: open action menus and the focused control.
    const open = new Set([...list.querySelectorAll<HTMLElement>('li[data-participant]:has(details[open])')].map((li) => li.dataset['participant']));
    const focused = list.contains(document.activeElement) ? document.activeElement as HTMLElement : null;
    const focusKey = focused ? [focused.closest<HTMLElement>('li')?.dataset['participant'], focused.dataset['action'] ?? focused.tagName] : null;
    const sorted = [...participants].sort((a, b) => rank(a) - rank(b) || a.displayName.localeCompare(b.displayName));
    list.replaceChildren(...sorted.map((p) => {
      const item = el('li', 'participant');
      item.dataset['participant'] = p.id;
      const who = el('div', 'participant-who');
      const name = el('span', 'participant-name', p.id === me.id ? `${p.displayName} (${t('Room.You')})` : p.displayName);
      const role = roleOf(p.role);
      who.append(name);
      if (role === 'host' || role === 'cohost' || role === 'guest') {
        who.append(el('span', `badge role-${role}`, t(`Room.Role.${role}`)));
      }
      const state: string[] = [];
      if (p.handRaised) state.push(t('Room.HandRaised'));
      if (p.audioMuted || p.selfMuted) state.push(t('Room.Muted'));
      if (p.videoOff || p.selfVideoOff) state.push(t('Room.CameraOff'));
      if (p.sharing) state.push(t('Room.Sharing'));
      if (state.length > 0) who.append(el('span', 'participant-state', state.join(' · ')));
      item.append(who);
      if (me.canModerate && p.id !== me.id && role !== 'host' && (me.role === 'host' || role !== 'cohost')) {
        const details = el('details', 'participant-actions');
        const summary = el('summary', undefined, t('Room.ActionsFor', p.displayName));
        const actions = el('div', 'action-list');
        for (const a of actionsFor(p, me)) {
          const b = el('button', a.danger ? 'action danger-text' : 'action', a.label);
          b.type = 'button';
          b.dataset['action'] = a.action;
          b.addEventListener('click', async () => {
            if (a.confirm && !await confirmAction(a.confirm, a.label, { danger: a.danger === true })) return;
            b.disabled = true;
            a.run().catch(() => onError(t('Room.ActionFailed'))).finally(() => { b.disabled = false; });
          });
          actions.append(b);
        }
        details.append(summary, actions);
        details.open = open.has(p.id);
        item.append(details);
      }
      return item;
    }));
    if (focusKey) {
      const item = list.querySelector<HTMLElement>(`li[data-participant="${CSS.escape(focusKey[0] ?? '')}"]`);
      const target = focusKey[1] === 'SUMMARY' ? item?.querySelector<HTMLElement>('summary') : item?.querySelector<HTMLElement>(`[data-action="${CSS.escape(focusKey[1] ?? '')}"]`);
      target?.focus();
    }
  };
  return { element, waitingList, render };
}

function rank(p: Participant): number {
  const role = roleOf(p.role);
  return role === 'host' ? 0 : role === 'cohost' ? 1 : p.handRaised ? 2 : 3;
}
