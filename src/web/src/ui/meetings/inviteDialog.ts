// Invite people by e-mail to a meeting the caller hosts, see the invitations sent and revoke one.
import { type Invitation, type MeetingSummary, invitations, invite, revokeInvitation } from '../../protocol/meetings';
import { throttle } from '../account/countdown';
import { submit } from '../account/forms';
import { clearStatus, describeProblem, redirectIfSignedOut, showStatus } from '../account/status';
import { t } from '../text';

export function wireInviteDialog(dialog: HTMLDialogElement | null): (meeting: MeetingSummary) => void {
  let meeting: MeetingSummary | null = null;
  const list = dialog?.querySelector<HTMLUListElement>('[data-role=invitations]');
  const status = dialog?.querySelector<HTMLElement>(':scope > [data-role=status]') ?? null;
  const form = dialog?.querySelector<HTMLFormElement>('form[data-role=invite]');
  dialog?.querySelector<HTMLButtonElement>('[data-action=close]')?.addEventListener('click', () => dialog.close());

  const fail = (problem: Parameters<typeof describeProblem>[0], button: HTMLButtonElement | null) => {
    if (problem.retryAfter !== null) throttle(status, button, problem.retryAfter);
    else if (!redirectIfSignedOut(problem)) showStatus(status, 'error', describeProblem(problem));
  };

  const refresh = async () => {
    if (!meeting || !list) return;
    const result = await invitations(meeting.code);
    if (!result.ok) {
      fail(result.problem, null);
      return;
    }
    const open = result.value.filter((invitation) => invitation.revoked !== true);
    list.replaceChildren(...open.map((invitation) => item(invitation)));
    if (open.length === 0) {
      list.replaceChildren(Object.assign(document.createElement('li'), { textContent: t('MeetingsPage.InvitationsNone'), className: 'hint' }));
    }
  };

  const item = (invitation: Invitation) => {
    const li = document.createElement('li');
    const email = document.createElement('span');
    email.textContent = invitation.email;
    const revoke = document.createElement('button');
    revoke.type = 'button';
    revoke.textContent = t('MeetingsPage.InvitationRevoke');
    revoke.setAttribute('aria-label', t('MeetingsPage.InvitationRevokeLabel', invitation.email));
    revoke.addEventListener('click', async () => {
      if (!meeting) return;
      revoke.disabled = true;
      const result = await revokeInvitation(meeting.code, invitation.id);
      if (!result.ok) {
        revoke.disabled = false;
        fail(result.problem, null);
        return;
      }
      showStatus(status, 'success', t('MeetingsPage.InvitationRevoked'));
      await refresh();
    });
    li.append(email, revoke);
    return li;
  };

  submit(form, async (sent, data) => {
    if (!meeting) return;
    const emails = String(data.get('emails') ?? '').split(/[\s,;]+/).map((e) => e.trim()).filter((e) => e.length > 0);
    if (emails.length === 0) {
      showStatus(status, 'error', t('MeetingsPage.InviteNone'));
      return;
    }
    clearStatus(status);
    const result = await invite(meeting.code, emails);
    if (!result.ok) {
      fail(result.problem, sent.querySelector('button[type=submit]'));
      return;
    }
    sent.reset();
    showStatus(status, 'success', t('MeetingsPage.InviteSent', emails.length));
    await refresh();
  });

  return (chosen) => {
    if (!dialog) return;
    meeting = chosen;
    clearStatus(status);
    list?.replaceChildren();
    dialog.showModal();
    void refresh();
  };
}
