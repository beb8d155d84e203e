// The meeting entry page /m/{code}: pre-join, admission, the waiting room, then the meeting view.
import { requestAdmission } from '../../protocol/admission';
import { MeetingHub } from '../../protocol/meetingHub';
import { t } from '../text';
import { handOver } from './handover';
import { takeInvitation } from './invitation';
import { JoinForm } from './joinForm';
import { PreJoin } from './prejoin';
import { WaitingRoom } from './waitingRoom';

export { mountWaitingList } from './waitingList';

export function wireLobby(root: HTMLElement): void {
  const invitation = takeInvitation();
  const meeting = root.dataset['meeting'] ?? '';
  const prejoinSection = root.querySelector<HTMLElement>('[data-role=prejoin]');
  const preJoin = PreJoin.find(root);
  const form = JoinForm.find(root);
  const waiting = WaitingRoom.find(root);
  if (!prejoinSection || !preJoin || !form || !waiting) {
    return;
  }
  root.dataset['state'] = 'prejoin';
  void form.prefill(root.dataset['signedIn'] === 'true');
  void preJoin.start().finally(() => {
    root.dataset['media'] = 'ready';
  });

  const backToPrejoin = (): void => {
    waiting.hide();
    prejoinSection.hidden = false;
    root.dataset['state'] = 'prejoin';
  };

  form.form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const fields = form.validate();
    if (!fields) {
      return;
    }
    form.busy(true);
    let admission;
    try {
      admission = await requestAdmission({ meeting, ...fields, ...(invitation ? { invitation } : {}) });
    } catch {
      form.busy(false);
      form.showError(t('Lobby.Error.Generic'), 'failed');
      return;
    }
    form.busy(false);
    if (!admission.ok) {
      form.showProblem(admission.problem);
      return;
    }

    const hub = new MeetingHub();
    prejoinSection.hidden = true;
    root.dataset['state'] = 'waiting';
    let outcome;
    try {
      outcome = await waiting.knock(hub, admission.value.pass, admission.value.title, admission.value.hostName);
    } catch (error) {
      // The server refusing the knock (locked, full, removed or banned) arrives as a HubException; anything else is the network.
      const refused = error instanceof Error && error.message.includes('HubException');
      outcome = { admitted: false as const, reason: refused ? ('refused' as const) : ('lost' as const) };
    }
    if (outcome.admitted) {
      waiting.announce('admitted');
      const media = preJoin.media();
      preJoin.close(true);
      handOver(root, hub, outcome.ticket, media);
      return;
    }
    await hub.disconnect().catch(() => undefined);
    if (outcome.reason === 'left') {
      backToPrejoin();
      form.showError(t('Lobby.Waiting.Left'), 'left');
      return;
    }
    // Denied, refused or connection lost: back to the form, with what happened said in its alert.
    backToPrejoin();
    const message = { denied: 'Lobby.Waiting.Denied', refused: 'Lobby.Waiting.Refused', lost: 'Lobby.Waiting.Lost' }[outcome.reason];
    form.showError(t(message), outcome.reason);
  });
}
