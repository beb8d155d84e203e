// The control bar's icons: small line drawings on a 24×24 grid, built as SVG elements (no icon font, nothing
// fetched). They are decoration only — each button keeps its text as its accessible name.

const SVG = 'http://www.w3.org/2000/svg';

/** Path data per icon; `slash` is drawn only while the button is pressed (microphone muted, camera off). */
const icons = {
  mic: {
    paths: ['M12 3a3 3 0 0 0-3 3v6a3 3 0 0 0 6 0V6a3 3 0 0 0-3-3z', 'M19 11a7 7 0 0 1-14 0', 'M12 18v3', 'M8.5 21h7'],
    slash: 'M4 3l16 18',
  },
  camera: {
    paths: ['M4 7h10a2 2 0 0 1 2 2v6a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V9a2 2 0 0 1 2-2z', 'M16 10.5l6-3.5v10l-6-3.5'],
    slash: 'M3 3l18 18',
  },
  share: {
    paths: ['M4 4h16a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1z', 'M8 20h8', 'M12 16v4', 'M12 13V8', 'M9.5 10.5L12 8l2.5 2.5'],
  },
  hand: {
    paths: [
      'M8 12.5V6a1.5 1.5 0 0 1 3 0v5',
      'M11 10.5V4.5a1.5 1.5 0 0 1 3 0v6',
      'M14 10.5V6a1.5 1.5 0 0 1 3 0v5',
      'M17 11V9a1.5 1.5 0 0 1 3 0v5a7 7 0 0 1-7 7h-1.5a6 6 0 0 1-4.8-2.4L3.6 15a1.5 1.5 0 0 1 2.3-1.9L8 15',
    ],
  },
  layout: {
    paths: ['M4 3h16a1 1 0 0 1 1 1v9a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1z', 'M3 18h4v3H3z', 'M10 18h4v3h-4z', 'M17 18h4v3h-4z'],
  },
  chat: {
    paths: ['M4 4h16a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1h-9l-5 4v-4H4a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1z'],
  },
  participants: {
    paths: ['M9 5a3 3 0 1 0 0 6a3 3 0 1 0 0-6z', 'M3 20v-1a5 5 0 0 1 5-5h2a5 5 0 0 1 5 5v1', 'M16 5a3 3 0 0 1 0 6', 'M18.5 14.5A5 5 0 0 1 21 19v1'],
  },
  shortcuts: {
    paths: ['M3 6h18a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1H3a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1z', 'M6 10h.01', 'M10 10h.01', 'M14 10h.01', 'M18 10h.01', 'M8 14h8'],
  },
  leave: {
    paths: ['M10 4H5a1 1 0 0 0-1 1v14a1 1 0 0 0 1 1h5', 'M15 8l4 4-4 4', 'M19 12H9'],
  },
  'end-for-all': {
    paths: ['M12 3v8', 'M6.3 6.3a8 8 0 1 0 11.4 0'],
  },
} satisfies Record<string, { paths: readonly string[]; slash?: string }>;

export type IconName = keyof typeof icons;

export function icon(name: IconName): SVGSVGElement {
  const spec: { paths: readonly string[]; slash?: string } = icons[name];
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('class', 'icon');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('fill', 'none');
  svg.setAttribute('stroke', 'currentColor');
  svg.setAttribute('stroke-width', '2');
  svg.setAttribute('stroke-linecap', 'round');
  svg.setAttribute('stroke-linejoin', 'round');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const path = (d: string, className?: string): void => {
    const p = document.createElementNS(SVG, 'path');
    p.setAttribute('d', d);
    if (className) p.setAttribute('class', className);
    svg.append(p);
  };
  for (const d of spec.paths) path(d);
  if (spec.slash) path(spec.slash, 'icon-slash');
  return svg;
}
