// The chat panel: history, new messages and the input. Every message is built from text nodes and, for web
// addresses only, anchors to the /away warning page — never from HTML.
import { isChatThrottled, type ChatMessage } from '../../protocol/meetingHub';
import { t } from '../text';
import { awayHref, ChatMaxLength, segmentsOf } from './linkify';

/** The message's content as DOM nodes: text nodes and http(s) links through /away. */
export function renderChatText(text: string): Node[] {
  return segmentsOf(text).map((segment) => {
    if (segment.kind === 'text') {
      return document.createTextNode(segment.text);
    }
    const link = document.createElement('a');
    link.href = awayHref(segment.url);
    link.rel = 'noopener noreferrer';
    link.target = '_blank';
    link.textContent = segment.text;
    return link;
  });
}

export interface ChatPanel {
  readonly element: HTMLElement;
  add(message: ChatMessage): void;
  /** Adds what is missing from a (re)join's history, in order, without duplicates. */
  addHistory(messages: readonly ChatMessage[]): void;
  setEnabled(enabled: boolean): void;
  focusInput(): void;
  /** Messages arrived while the panel was closed. */
  onUnread(listener: (count: number) => void): void;
  setOpen(open: boolean): void;
}

export function createChatPanel(myId: () => string, send: (text: string) => Promise<void>): ChatPanel {
  const element = document.createElement('section');
  element.className = 'room-panel chat';
  element.dataset['role'] = 'chat';
  element.setAttribute('aria-labelledby', 'chat-heading');
  const heading = document.createElement('h2');
  heading.id = 'chat-heading';
  heading.textContent = t('Chat.Title');
  const list = document.createElement('ol');
  list.className = 'chat-messages';
  list.dataset['role'] = 'chat-messages';
  list.setAttribute('aria-live', 'polite');
  list.setAttribute('aria-relevant', 'additions');
  const form = document.createElement('form');
  form.className = 'chat-form';
  const label = document.createElement('label');
  label.className = 'visually-hidden';
  label.htmlFor = 'chat-input';
  label.textContent = t('Chat.InputLabel');
  const input = document.createElement('textarea');
  input.id = 'chat-input';
  input.dataset['role'] = 'chat-input';
  input.maxLength = ChatMaxLength;
  input.rows = 2;
  input.placeholder = t('Chat.Placeholder');
  const counter = document.createElement('span');
  counter.className = 'chat-counter';
  counter.id = 'chat-counter';
  counter.setAttribute('aria-live', 'polite');
  input.setAttribute('aria-describedby', 'chat-counter');
  const button = document.createElement('button');
  button.type = 'submit';
  button.className = 'primary';
  button.dataset['action'] = 'send-chat';
  button.textContent = t('Chat.Send');
  const error = document.createElement('p');
  error.className = 'chat-error';
  error.setAttribute('role', 'alert');
  error.dataset['role'] = 'chat-error';
  form.append(label, input, counter, button, error);
  // Shown by the style sheet only while the list is empty.
  const empty = document.createElement('p');
  empty.className = 'chat-empty';
  empty.textContent = t('Chat.Empty');
  element.append(heading, list, empty, form);

  const seen = new Set<string>();
  let open = false;
  let unread = 0;
  let unreadListener: (count: number) => void = () => undefined;
  const updateCounter = (): void => {
    const left = ChatMaxLength - input.value.length;
    counter.textContent = left <= 200 ? t('Chat.CharactersLeft', left) : '';
  };
  input.addEventListener('input', updateCounter);
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (text === '' || text.length > ChatMaxLength) {
      return;
    }
    button.disabled = true;
    error.textContent = '';
    delete error.dataset['kind'];
    send(text).then(() => {
      input.value = '';
      updateCounter();
    }, (failure: unknown) => {
      // The text stays in the box, so sending again is one key away.
      const tooFast = isChatThrottled(failure);
      error.dataset['kind'] = tooFast ? 'throttled' : 'failed';
      error.textContent = t(tooFast ? 'Chat.TooFast' : 'Chat.SendFailed');
    }).finally(() => {
      button.disabled = false;
      input.focus();
    });
  });

  const add = (message: ChatMessage): void => {
    if (seen.has(message.id)) {
      return;
    }
    seen.add(message.id);
    const item = document.createElement('li');
    item.dataset['message'] = message.id;
    if (message.from === myId()) {
      item.dataset['mine'] = '';
    }
    const meta = document.createElement('p');
    meta.className = 'chat-meta';
    const name = document.createElement('strong');
    name.textContent = message.fromName;
    const time = document.createElement('time');
    const sent = new Date(message.sentAt);
    if (!Number.isNaN(sent.getTime())) {
      time.dateTime = sent.toISOString();
      time.textContent = sent.toLocaleTimeString(document.documentElement.lang || undefined, { hour: '2-digit', minute: '2-digit' });
    }
    meta.append(name, ' ', time);
    const body = document.createElement('p');
    body.className = 'chat-text';
    body.dir = 'auto';
    body.append(...renderChatText(message.text));
    item.append(meta, body);
    const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
    list.append(item);
    if (atBottom) {
      list.scrollTop = list.scrollHeight;
    }
    if (!open && message.from !== myId()) {
      unread += 1;
      unreadListener(unread);
    }
  };

  return {
    element,
    add,
    addHistory: (messages) => messages.forEach(add),
    setEnabled: (enabled) => {
      input.disabled = !enabled;
      button.disabled = !enabled;
      input.placeholder = enabled ? t('Chat.Placeholder') : t('Chat.Disabled');
    },
    focusInput: () => input.focus(),
    onUnread: (listener) => {
      unreadListener = listener;
    },
    setOpen: (value) => {
      open = value;
      if (open) {
        unread = 0;
        unreadListener(0);
        list.scrollTop = list.scrollHeight;
      }
    },
  };
}
