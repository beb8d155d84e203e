// "My meetings": start or schedule a meeting, show its link and passcode once, invite people, rotate a leaked link.
import * as meetings from '../../protocol/meetings';
import { confirmCopy, copyText, wireCopyButtons } from '../account/clipboard';
import { throttle } from '../account/countdown';
import { submit } from '../account/forms';
import { formatDateTime } from '../account/format';
import { describeProblem, redirectIfSignedOut, showStatus } from '../account/status';
import { t } from '../text';
import { wireInviteDialog } from './inviteDialog';
import { wireRotateDialog } from './rotateDialog';
import { showSecrets } from './secrets';

export function wireMyMeetings(root: HTMLElement): void {
  wireCopyButtons(root);
  const created = root.querySelector<HTMLElement>('[data-role=created]');
  const list = root.querySelector<HTMLUListElement>('[data-role=meetings]');
  const listStatus = root.querySelector<HTMLElement>('[data-role=list-status]');
  const rotate = wireRotateDialog(root.querySelector<HTMLDialogElement>('[data-role=rotate-dialog]'), () => void refresh());
  const invite = wireInviteDialog(root.querySelector<HTMLDialogElement>('[data-role=invite-dialog]'));

  const announce = (title: string, secrets: meetings.MeetingSecrets) => {
    if (!created) return;
    const heading = created.querySelector<HTMLElement>('[data-role=created-title]');
    if (heading) heading.textContent = t('MeetingsPage.Created', title);
    showSecrets(created, secrets);
    created.hidden = false;
    created.focus();
  };

  async function refresh(): Promise<void> {
    if (!list) return;
    const result = await meetings.myMeetings();
    if (!result.ok) {
      if (!redirectIfSignedOut(result.problem)) showStatus(listStatus, 'error', describeProblem(result.problem));
      return;
    }
    list.replaceChildren(...result.value.map((meeting) => meetingItem(meeting, { rotate, invite })));
    showStatus(listStatus, 'info', result.value.length === 0 ? t('MeetingsPage.Empty') : '');
  }

  const create = async (meeting: meetings.NewMeeting, status: HTMLElement | null, button: HTMLButtonElement | null) => {
    const result = await meetings.createMeeting(meeting);
    if (result.ok) {
      announce(meeting.title, result.value);
      await refresh();
      return true;
    }
    if (result.problem.retryAfter !== null) throttle(status, button, result.problem.retryAfter);
    else if (!redirectIfSignedOut(result.problem)) showStatus(status, 'error', describeProblem(result.problem));
    return false;
  };

  const instant = root.querySelector<HTMLButtonElement>('[data-action=instant]');
  instant?.addEventListener('click', async () => {
    instant.disabled = true;
    await create({ title: t('MeetingsPage.InstantTitle') }, listStatus, instant);
    if (instant.dataset['throttled'] === undefined) instant.disabled = false;
  });

  const schedule = root.querySelector<HTMLFormElement>('form[data-role=schedule]');
  const date = schedule?.querySelector<HTMLInputElement>('input[name=date]');
  if (date && !date.value) date.valueAsDate = new Date(Date.now() - new Date().getTimezoneOffset() * 60_000);
  submit(schedule, async (form, data) => {
    const startsAt = new Date(`${String(data.get('date') ?? '')}T${String(data.get('time') ?? '')}`);
    const meeting: meetings.NewMeeting = {
      title: String(data.get('title') ?? '').trim(),
      startsAt: Number.isNaN(startsAt.getTime()) ? '' : startsAt.toISOString(),
      durationMinutes: Number(data.get('duration') ?? 60),
    };
    if (await create(meeting, form.querySelector('[data-role=status]'), form.querySelector('button[type=submit]'))) {
      form.reset();
      root.querySelector<HTMLDetailsElement>('[data-role=schedule-panel]')?.removeAttribute('open');
    }
  });

  showStatus(listStatus, 'info', t('MeetingsPage.Loading'));
  void refresh();
}

interface Dialogs {
  readonly rotate: (meeting: meetings.MeetingSummary) => void;
  readonly invite: (meeting: meetings.MeetingSummary) => void;
}

function meetingItem(meeting: meetings.MeetingSummary, dialogs: Dialogs): HTMLLIElement {
  const item = document.createElement('li');
  item.dataset['code'] = meeting.code;
  const title = document.createElement('h3');
  title.textContent = meeting.title;
  const when = document.createElement('p');
  when.className = 'hint';
  const role = meetings.hosts(meeting) ? t('MeetingsPage.Host') : t('MeetingsPage.Guest');
  when.textContent = `${meeting.startsAt
    ? t('MeetingsPage.When', formatDateTime(meeting.startsAt), meeting.durationMinutes ?? '')
    : t('MeetingsPage.Instantly')} · ${role}`;
  const actions = document.createElement('div');
  actions.className = 'actions';
  const link = meeting.link ?? new URL(`/m/${encodeURIComponent(meeting.code)}`, window.location.origin).href;
  const open = Object.assign(document.createElement('a'), { href: link, textContent: t('MeetingsPage.Open'), className: 'button primary' });
  actions.append(open, button(t('MeetingsPage.CopyLink'), 'copy-link', async (b) => {
    await confirmCopy(b, await copyText(link));
  }));
  if (meetings.hosts(meeting)) {
    actions.append(
      button(t('MeetingsPage.Invite'), 'invite', () => dialogs.invite(meeting)),
      Object.assign(document.createElement('a'), {
        href: meetings.calendarUrl(meeting.code), download: `${meeting.code}.ics`, textContent: t('MeetingsPage.Calendar'), className: 'button',
      }),
      button(t('MeetingsPage.Rotate'), 'rotate', () => dialogs.rotate(meeting), 'danger-outline'),
    );
  }
  item.append(title, when, actions);
  return item;
}

function button(label: string, action: string, onClick: (button: HTMLButtonElement) => void | Promise<void>, className = ''): HTMLButtonElement {
  const element = document.createElement('button');
  element.type = 'button';
  element.textContent = label;
  element.dataset['action'] = action;
  if (className) element.className = className;
  element.addEventListener('click', () => void onClick(element));
  return element;
}
