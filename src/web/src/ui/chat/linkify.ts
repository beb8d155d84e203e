// Splits a chat message into plain text and web links. Only http: and https: addresses without credentials become
// links; everything else (UNC paths, file:, smb:, javascript:, data:, vbscript:, any other scheme) stays text.

export type ChatSegment = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'link'; readonly text: string; readonly url: string };

/** Maximum characters in one message; the server enforces the same limit. */
export const ChatMaxLength = 2000;

// A candidate starts at "http://" or "https://" (any letter case) and runs to the next white space.
const candidate = /https?:\/\/[^\s<>"]+/giu;
// Punctuation that usually closes a sentence rather than belonging to the address.
const trailing = /[.,;:!?)\]}'’”»]+$/u;

/** The address as a safe link target, or null when it must stay text. */
export function webAddress(text: string): string | null {
  // Bidirectional controls and other invisible format characters can disguise an address: never link those.
  if (/[\p{Cf}\p{Cc}\\]/u.test(text)) {
    return null;
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username !== '' || url.password !== '' || url.hostname === '') {
    return null;
  }
  return url.href;
}

export function segmentsOf(message: string): ChatSegment[] {
  const segments: ChatSegment[] = [];
  let last = 0;
  const pushText = (text: string): void => {
    if (text === '') return;
    const previous = segments[segments.length - 1];
    if (previous?.kind === 'text') {
      segments[segments.length - 1] = { kind: 'text', text: previous.text + text };
    } else {
      segments.push({ kind: 'text', text });
    }
  };
  for (const match of message.matchAll(candidate)) {
    const start = match.index;
    // A scheme glued to a word ("xhttp://", "view-source:http://") is not a link of its own.
    if (start > 0 && /[\p{L}\p{N}:\/\\+.-]/u.test(message.charAt(start - 1))) {
      continue;
    }
    const raw = match[0].replace(trailing, '');
    const url = webAddress(raw);
    if (url === null) {
      continue;
    }
    pushText(message.slice(last, start));
    segments.push({ kind: 'link', text: raw, url });
    last = start + raw.length;
  }
  pushText(message.slice(last));
  return segments;
}

/** The warning page a chat link opens: it shows the whole address before the visitor leaves AnHop. */
export function awayHref(url: string): string {
  return `/away#${encodeURIComponent(url)}`;
}
