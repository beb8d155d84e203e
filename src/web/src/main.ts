// Entry point. Each server-rendered page names itself in <body data-page>; the matching module wires it.
import { wireLanguageSwitcher } from './ui/language';
import { wireLobby } from './ui/lobby';
import { wireMeeting } from './ui/meeting';
import { wireSetupForm } from './ui/setup';

function start(): void {
  wireLanguageSwitcher(document);
  const meeting = document.querySelector<HTMLElement>('[data-role=meeting]');
  if (meeting) {
    wireMeeting(meeting);
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
