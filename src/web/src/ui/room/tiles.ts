// The video tiles: one per participant (camera or name), one per shared screen. Grid or speaker layout; a pinned
// tile or a shared screen takes the stage. Each remote video reports the size it is shown at, so the SFU sends the
// simulcast layer that fits.
import type { Participant } from '../../protocol/meetingHub';
import { t } from '../text';
import { el } from './dom';

export interface TileHost {
  readonly grid: HTMLElement;
  readonly stage: HTMLElement;
  setVideoSize(trackId: string, width: number, height: number): void;
  setSubscribed(trackId: string, subscribed: boolean): Promise<void>;
}

export interface Tile {
  readonly figure: HTMLElement;
  readonly video: HTMLVideoElement;
}

export class Tiles {
  private readonly tiles = new Map<string, Tile>();
  private layout: 'grid' | 'speaker' = 'grid';
  private pinned: string | null = null;
  private speaker: string | null = null;
  private readonly sizes: ResizeObserver;

  constructor(private readonly host: TileHost, private readonly localId: () => string) {
    this.sizes = new ResizeObserver((entries) => {
      for (const entry of entries) {
        const video = entry.target as HTMLVideoElement;
        const trackId = video.dataset['track'];
        if (trackId && !video.closest('[data-local]')) {
          host.setVideoSize(trackId, entry.contentRect.width, entry.contentRect.height);
        }
      }
    });
  }

  /** The tile for a participant's camera (key = participant id) or screen (key = `screen:` + id). */
  ensure(key: string, participant: Pick<Participant, 'id' | 'displayName'>, screen = false): Tile {
    let tile = this.tiles.get(key);
    if (!tile) {
      const figure = el('figure', screen ? 'tile screen' : 'tile');
      figure.dataset['key'] = key;
      if (screen) {
        figure.dataset['screenOf'] = participant.id;
      } else {
        figure.dataset['participant'] = participant.id;
      }
      figure.tabIndex = -1;
      const video = el('video');
      video.autoplay = true;
      video.playsInline = true;
      const caption = el('figcaption', 'tile-caption');
      const name = el('span', 'tile-name');
      name.dataset['role'] = 'tile-name';
      const flags = el('span', 'tile-flags');
      caption.append(name, flags);
      const avatar = el('span', 'tile-avatar');
      avatar.setAttribute('aria-hidden', 'true');
      const pin = el('button', 'tile-action pin', t('Room.PinShort'));
      pin.type = 'button';
      pin.dataset['action'] = 'pin';
      pin.setAttribute('aria-pressed', 'false');
      pin.addEventListener('click', () => this.pin(this.pinned === key ? null : key));
      figure.append(avatar, video, caption, pin);
      tile = { figure, video };
      this.tiles.set(key, tile);
      this.host.grid.append(figure);
      this.sizes.observe(video);
      this.label(key, participant.displayName, screen);
      this.refreshVideoState(key);
      this.arrange();
    }
    return tile;
  }

  has(key: string): boolean {
    return this.tiles.has(key);
  }

  get(key: string): Tile | undefined {
    return this.tiles.get(key);
  }

  label(key: string, displayName: string, screen = false): void {
    const tile = this.tiles.get(key);
    if (!tile) return;
    const you = key === this.localId() ? ` (${t('Room.You')})` : '';
    const text = screen ? t('Room.ScreenOf', displayName) : displayName + you;
    const name = tile.figure.querySelector('[data-role=tile-name]');
    if (name) name.textContent = text;
    const avatar = tile.figure.querySelector('.tile-avatar');
    if (avatar) avatar.textContent = (displayName.trim().charAt(0) || '?').toUpperCase();
    tile.figure.setAttribute('aria-label', text);
    const pin = tile.figure.querySelector<HTMLButtonElement>('button[data-action=pin]');
    if (pin) pin.setAttribute('aria-label', t('Room.Pin', text));
  }

  /** Muted, camera off and raised hand, shown as words (not colour alone). */
  flags(participant: Participant): void {
    const tile = this.tiles.get(participant.id);
    if (!tile) return;
    const flags = tile.figure.querySelector('.tile-flags');
    if (!flags) return;
    const items: Array<[string, string]> = [];
    if (participant.handRaised) items.push(['hand', t('Room.HandRaised')]);
    if (participant.audioMuted) items.push(['muted', t('Room.Muted')]);
    if (participant.videoOff) items.push(['camera-off', t('Room.CameraOff')]);
    flags.replaceChildren(...items.map(([kind, text]) => {
      const flag = el('span', `flag flag-${kind}`, text);
      flag.dataset['flag'] = kind;
      return flag;
    }));
    tile.figure.toggleAttribute('data-hand', participant.handRaised);
    tile.figure.toggleAttribute('data-muted', participant.audioMuted);
  }

  setVideo(key: string, stream: MediaStream | null, trackId?: string): void {
    const tile = this.tiles.get(key);
    if (!tile) return;
    if (tile.video.srcObject !== stream) tile.video.srcObject = stream;
    if (trackId) {
      tile.video.dataset['track'] = trackId;
      this.addVideoToggle(tile, trackId);
    }
    this.refreshVideoState(key);
  }

  /** Shows the avatar when no live video track plays in the tile. */
  refreshVideoState(key: string): void {
    const tile = this.tiles.get(key);
    if (!tile) return;
    const stream = tile.video.srcObject instanceof MediaStream ? tile.video.srcObject : null;
    const live = stream?.getVideoTracks().some((track) => track.readyState === 'live' && track.enabled) ?? false;
    tile.figure.toggleAttribute('data-no-video', !live);
  }

  remove(key: string): void {
    const tile = this.tiles.get(key);
    if (!tile) return;
    this.sizes.unobserve(tile.video);
    tile.figure.remove();
    this.tiles.delete(key);
    if (this.pinned === key) this.pinned = null;
    this.arrange();
  }

  /** Removes the participant's camera tile and screen tile. */
  removeParticipant(participantId: string): void {
    this.remove(participantId);
    this.remove(`screen:${participantId}`);
  }

  setLayout(layout: 'grid' | 'speaker'): void {
    this.layout = layout;
    this.arrange();
  }

  get currentLayout(): 'grid' | 'speaker' {
    return this.layout;
  }

  pin(key: string | null): void {
    this.pinned = key;
    for (const [k, tile] of this.tiles) {
      tile.figure.toggleAttribute('data-pinned', k === key);
      tile.figure.querySelector('button[data-action=pin]')?.setAttribute('aria-pressed', String(k === key));
    }
    this.arrange();
  }

  activeSpeaker(participantId: string | null): void {
    this.speaker = participantId;
    for (const [key, tile] of this.tiles) {
      tile.figure.toggleAttribute('data-speaking', participantId !== null && key === participantId);
    }
    if (this.layout === 'speaker') this.arrange();
  }

  close(): void {
    this.sizes.disconnect();
  }

  /** Who takes the stage: a pinned tile, else a shared screen, else (speaker layout) the active speaker. */
  private arrange(): void {
    const screen = [...this.tiles.keys()].find((key) => key.startsWith('screen:')) ?? null;
    let staged: string | null = this.pinned ?? screen;
    if (staged === null && this.layout === 'speaker') {
      const remote = [...this.tiles.keys()].find((key) => key !== this.localId()) ?? null;
      staged = this.speaker !== null && this.tiles.has(this.speaker) ? this.speaker : remote;
    }
    for (const [key, tile] of this.tiles) {
      const target = key === staged ? this.host.stage : this.host.grid;
      if (tile.figure.parentElement !== target) {
        target.append(tile.figure);
        // Moving a playing video element pauses it in some browsers: play it again.
        void tile.video.play().catch(() => undefined);
      }
    }
    this.host.stage.hidden = staged === null;
    this.host.grid.dataset['count'] = String(Math.min(this.host.grid.childElementCount, 9));
    this.host.grid.parentElement?.setAttribute('data-staged', String(staged !== null));
  }

  // A remote video can be hidden (the SFU stops sending it) and shown again.
  private addVideoToggle(tile: Tile, trackId: string): void {
    if (tile.figure.hasAttribute('data-local') || tile.figure.querySelector('button[data-action=toggle-video]')) {
      return;
    }
    const toggle = el('button', 'tile-action toggle', t('Room.HideVideo'));
    toggle.type = 'button';
    toggle.dataset['action'] = 'toggle-video';
    toggle.setAttribute('aria-pressed', 'false');
    toggle.addEventListener('click', async () => {
      const hide = toggle.getAttribute('aria-pressed') !== 'true';
      toggle.disabled = true;
      try {
        await this.host.setSubscribed(tile.video.dataset['track'] ?? trackId, !hide);
        toggle.setAttribute('aria-pressed', hide ? 'true' : 'false');
        toggle.textContent = hide ? t('Room.ShowVideo') : t('Room.HideVideo');
      } finally {
        toggle.disabled = false;
      }
    });
    tile.figure.append(toggle);
  }
}
