// The /away page: a chat link leads here first. It shows the whole address, and only a web address gets a
// "continue" link (opened without opener or referrer); anything else is shown as text and goes nowhere.
import { t } from '../text';
import { webAddress } from './linkify';

export function wireAwayPage(root: HTMLElement): void {
  let address = '';
  try {
    address = decodeURIComponent(window.location.hash.slice(1));
  } catch {
    address = '';
  }
  const shown = root.querySelector<HTMLElement>('[data-role=address]');
  const go = root.querySelector<HTMLAnchorElement>('a[data-role=continue]');
  const refused = root.querySelector<HTMLElement>('[data-role=refused]');
  if (!shown || !go || !refused) {
    return;
  }
  shown.textContent = address;
  const url = webAddress(address);
  if (url === null) {
    go.hidden = true;
    refused.hidden = false;
    refused.textContent = t('Chat.Away.Refused');
    return;
  }
  go.href = url;
  go.rel = 'noopener noreferrer';
  go.target = '_blank';
  go.hidden = false;
}
