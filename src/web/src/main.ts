// Entry point. Each server-rendered page names itself in <body data-page>; the matching module wires it.
import { wireAccountPage } from './ui/account/accountPage';
import { wireSiteShell } from './ui/account/shell';
import { wireSignIn } from './ui/account/signIn';
import { wireLanguageSwitcher } from './ui/language';
import { wireMeeting } from './ui/meeting';
import { wireMyMeetings } from './ui/meetings/myMeetings';
import { wireSetupForm } from './ui/setup';

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
  const meeting = document.querySelector<HTMLElement>('[data-role=meeting]');
  if (meeting) {
    wireMeeting(meeting);
  }
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
