// Entry point. Each server-rendered page names itself in <body data-page>; the matching module wires it.
import { MeetingHub } from './protocol/meetingHub';
import { wireAwayPage } from './ui/chat/away';
import { wireLanguageSwitcher } from './ui/language';
import { wireLobby } from './ui/lobby';
import { wireMeetingPage } from './ui/room';
import { wireSetupForm } from './ui/setup';

function start(): void {
  wireLanguageSwitcher(document);
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
