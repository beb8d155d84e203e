// Entry point. Each server-rendered page names itself in <body data-page>; the matching module wires it.
import { MeetingHub } from './protocol/meetingHub';
import { wireAccountPage } from './ui/account/accountPage';
import { wireSiteShell } from './ui/account/shell';
import { wireSignIn } from './ui/account/signIn';
import { wireAwayPage } from './ui/chat/away';
import { wireLanguageSwitcher } from './ui/language';
import { wireLobby } from './ui/lobby';
import { wireMyMeetings } from './ui/meetings/myMeetings';
import { wireMeetingPage } from './ui/room';
import { wireSetupForm } from './ui/setup';

// The join timeline's marks (anhop:*, since navigation) are read by the join benchmark.
performance.mark('anhop:script');

/** Wires the page whose root carries data-role=`role`, if this is that page. */
function attach(role: string, wire: (root: HTMLElement) => unknown): void {
  const root = document.querySelector<HTMLElement>(`[data-role=${role}]`);
  if (root) void wire(root);
}

function start(): void {
  wireLanguageSwitcher(document);
  wireSiteShell(document);
  attach('sign-in', wireSignIn);
  attach('account', wireAccountPage);
  attach('my-meetings', wireMyMeetings);
  const meeting = document.querySelector<HTMLElement>('[data-role=meeting-page]');
  if (meeting) {
    wireMeetingPage(meeting, new MeetingHub());
  }
  const away = document.querySelector<HTMLElement>('[data-role=away]');
  if (away) {
    wireAwayPage(away);
  }
  document.querySelectorAll<HTMLElement>('[data-page=lobby] [data-role=lobby]').forEach(wireLobby);
  if (document.body.dataset['page'] === 'setup') {
    const form = document.querySelector<HTMLFormElement>('form[data-role=setup]');
    if (form) {
      wireSetupForm(form);
    }
  }
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', start);
} else {
  start();
}
