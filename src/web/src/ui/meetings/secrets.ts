// The link and the passcode of a new or rotated meeting, in read-only fields with copy buttons. The link never
// carries the passcode; the passcode is shown this once.
import type { MeetingSecrets } from '../../protocol/meetings';

export function showSecrets(container: HTMLElement, secrets: MeetingSecrets): void {
  const link = container.querySelector<HTMLInputElement>('input[data-role=link]');
  const passcode = container.querySelector<HTMLInputElement>('input[data-role=passcode]');
  if (link) link.value = new URL(secrets.link, window.location.origin).href;
  if (passcode) passcode.value = secrets.passcode ?? '';
  // Without a passcode (allowed by policy) there is nothing to copy or keep.
  for (const part of container.querySelectorAll<HTMLElement>('[data-part=passcode]')) part.hidden = secrets.passcode === null;
}
