// Small DOM helpers for the room: elements built from text only, never from HTML strings.
import { icon, type IconName } from './icons';

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (text !== undefined) element.textContent = text;
  return element;
}

/** A button with a visible or screen-reader label; `pressed` makes it a toggle; `icon` draws a decorative icon before the label. */
export function button(action: string, label: string, options: { pressed?: boolean; className?: string; icon?: IconName } = {}): HTMLButtonElement {
  const b = el('button', options.className ?? 'control');
  b.type = 'button';
  b.dataset['action'] = action;
  if (options.icon) b.append(icon(options.icon));
  b.append(el('span', 'label', label));
  if (options.pressed !== undefined) b.setAttribute('aria-pressed', String(options.pressed));
  return b;
}

export function setLabel(b: HTMLButtonElement, label: string): void {
  const span = b.querySelector('.label');
  if (span) span.textContent = label;
}

/** Role names from the server (a name or the enum's number) as one lower-case word. */
export function roleOf(value: unknown): string {
  const names = ['guest', 'participant', 'cohost', 'host'];
  if (typeof value === 'number') return names[value] ?? 'participant';
  return typeof value === 'string' ? value.toLowerCase() : 'participant';
}
