// The waiting room screen: says what is happening and whom the person waits for, announces each change through
// the status live region, and lets them leave. The knock itself happens here, on the hub connection the meeting
// view will go on using.
import type { MeetingHub } from '../../protocol/meetingHub';
import { t } from '../text';

export type WaitOutcome = { admitted: true; ticket: string } | { admitted: false; reason: 'denied' | 'refused' | 'lost' | 'left' };

export class WaitingRoom {
  private settle: ((outcome: WaitOutcome) => void) | undefined;

  private constructor(
    private readonly section: HTMLElement,
    private readonly title: HTMLElement,
    private readonly status: HTMLElement,
    private readonly leave: HTMLButtonElement,
  ) {
    leave.addEventListener('click', () => this.finish({ admitted: false, reason: 'left' }));
  }

  static find(root: HTMLElement): WaitingRoom | undefined {
    const section = root.querySelector<HTMLElement>('[data-role=waiting-room]');
    const title = section?.querySelector<HTMLElement>('[data-role=waiting-title]');
    const status = section?.querySelector<HTMLElement>('[data-role=waiting-status]');
    const leave = section?.querySelector<HTMLButtonElement>('button[data-action=leave-waiting]');
    return section && title && status && leave ? new WaitingRoom(section, title, status, leave) : undefined;
  }

  /** Knocks with the pass; resolves with the ticket once admitted (at once or by the host), or why not. */
  async knock(hub: MeetingHub, pass: string, meetingTitle: string, hostName = ''): Promise<WaitOutcome> {
    const outcome = new Promise<WaitOutcome>((resolve) => {
      this.settle = resolve;
    });
    this.show(meetingTitle);
    const who = this.section.querySelector<HTMLElement>('[data-role=waiting-who]');
    if (who) who.textContent = hostName ? t('Lobby.Waiting.WhoNamed', hostName) : t('Lobby.Waiting.Who');
    const answer = await hub.knock(pass, {
      admitted: (ticket) => this.finish({ admitted: true, ticket }),
      denied: () => this.finish({ admitted: false, reason: 'denied' }),
      closed: () => this.finish({ admitted: false, reason: 'lost' }),
    });
    if (answer.state === 'admitted' && answer.ticket) {
      this.finish({ admitted: true, ticket: answer.ticket });
    }
    return outcome;
  }

  show(meetingTitle: string): void {
    this.title.textContent = meetingTitle || t('Meeting.Title');
    this.status.textContent = t('Lobby.Waiting.Status');
    this.section.dataset['state'] = 'waiting';
    this.leave.textContent = t('Lobby.Waiting.Leave');
    this.section.hidden = false;
    this.title.focus();
  }

  hide(): void {
    this.section.hidden = true;
  }

  /** The screen after a decision: the status says what happened. */
  announce(state: 'admitted' | 'denied' | 'lost' | 'left'): void {
    const key = { admitted: 'Lobby.Waiting.Admitted', denied: 'Lobby.Waiting.Denied', lost: 'Lobby.Waiting.Lost', left: 'Lobby.Waiting.Left' }[state];
    this.section.dataset['state'] = state;
    this.status.textContent = t(key);
  }

  private finish(outcome: WaitOutcome): void {
    const settle = this.settle;
    this.settle = undefined;
    settle?.(outcome);
  }
}
