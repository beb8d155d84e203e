// The meeting view: joins with the ticket from the URL fragment, publishes camera and microphone, and shows every
// other participant's tracks. The ticket never reaches a server log: fragments are not sent, and it is removed
// from the address bar at once.
import { collectStats, type SessionStats } from '../media/diagnostics';
import { MediaSession, type RemoteTrack } from '../media/mediaSession';
import { MeetingHub } from '../protocol/meetingHub';

declare global {
  interface Window {
    /** Read-only connection statistics (the quality indicator and the browser tests read them). */
    anhopDiagnostics?: { stats(): Promise<SessionStats>; participantId: string; firstRemoteFrameMs?: number };
  }
}

export function wireMeeting(root: HTMLElement): void {
  const ticket = new URLSearchParams(window.location.hash.slice(1)).get('ticket') ?? '';
  if (window.location.hash) {
    history.replaceState(null, '', window.location.pathname);
  }
  const grid = root.querySelector<HTMLElement>('[data-role=tiles]');
  const status = root.querySelector<HTMLElement>('[data-role=status]');
  const leaveButton = root.querySelector<HTMLButtonElement>('button[data-action=leave]');
  const shareButton = root.querySelector<HTMLButtonElement>('button[data-action=share]');
  if (!grid || !status || !leaveButton || !shareButton) {
    return;
  }
  const tiles = new Map<string, HTMLVideoElement>();
  const tileFor = (participantId: string): HTMLVideoElement => {
    let video = tiles.get(participantId);
    if (!video) {
      const figure = document.createElement('figure');
      figure.className = 'tile';
      figure.dataset['participant'] = participantId;
      video = document.createElement('video');
      video.autoplay = true;
      video.playsInline = true;
      figure.append(video);
      grid.append(figure);
      tiles.set(participantId, video);
    }
    return video;
  };
  const removeTile = (participantId: string): void => {
    const video = tiles.get(participantId);
    if (video) {
      sizes.unobserve(video);
    }
    video?.closest('figure')?.remove();
    tiles.delete(participantId);
  };

  let session: MediaSession | undefined;
  let joined = false;
  // Each remote video tells the SFU the size it is shown at, so the SFU sends the simulcast layer that fits.
  const sizes = new ResizeObserver((entries) => {
    for (const entry of entries) {
      const video = entry.target as HTMLVideoElement;
      const trackId = video.dataset['track'];
      if (trackId && joined) {
        void hub.setVideoSize(trackId, entry.contentRect.width, entry.contentRect.height);
      }
    }
  });
  const hub = new MeetingHub({
    subscriptionOffer: (sdp) => void session?.acceptOffer(sdp),
    participantJoined: () => undefined,
    participantLeft: removeTile,
    producerClosed: () => undefined,
    activeSpeaker: (id) => {
      for (const [pid, video] of tiles) {
        video.closest('figure')?.toggleAttribute('data-speaking', pid === id);
      }
    },
  });
  // A remote participant's video can be hidden (the SFU stops sending it) and shown again.
  const addVideoToggle = (video: HTMLVideoElement, trackId: string): void => {
    const figure = video.closest('figure');
    if (!figure || figure.querySelector('button[data-action=toggle-video]')) {
      return;
    }
    const toggle = document.createElement('button');
    toggle.type = 'button';
    toggle.dataset['action'] = 'toggle-video';
    toggle.className = 'tile-action';
    toggle.textContent = root.dataset['hideVideo'] ?? '';
    toggle.setAttribute('aria-pressed', 'false');
    toggle.addEventListener('click', async () => {
      const hide = toggle.getAttribute('aria-pressed') !== 'true';
      toggle.disabled = true;
      await (hide ? hub.unsubscribe(trackId) : hub.subscribe(trackId));
      toggle.setAttribute('aria-pressed', hide ? 'true' : 'false');
      toggle.textContent = (hide ? root.dataset['showVideo'] : root.dataset['hideVideo']) ?? '';
      toggle.disabled = false;
    });
    figure.append(toggle);
  };
  session = new MediaSession(hub, (remote: RemoteTrack) => {
    const video = tileFor(remote.participantId);
    if (video.srcObject !== remote.stream) {
      video.srcObject = remote.stream;
    }
    if (remote.track.kind === 'video') {
      video.dataset['track'] = remote.trackId;
      sizes.observe(video);
      addVideoToggle(video, remote.trackId);
      // Time from opening the page to the first remote frame shown: the join-to-first-frame figure.
      video.requestVideoFrameCallback((now) => {
        const diagnostics = window.anhopDiagnostics;
        if (diagnostics && diagnostics.firstRemoteFrameMs === undefined) {
          diagnostics.firstRemoteFrameMs = now;
        }
      });
    }
    remote.track.addEventListener('ended', () => {
      if (remote.stream.getTracks().every((t) => t.readyState === 'ended')) removeTile(remote.participantId);
    });
    remote.stream.addEventListener('removetrack', () => {
      if (remote.stream.getTracks().length === 0) removeTile(remote.participantId);
    });
  });
  const active = session;

  const start = async (): Promise<void> => {
    const me = await hub.join(ticket);
    joined = true;
    window.anhopDiagnostics = { stats: () => collectStats(active.send, active.receive), participantId: me.participantId };
    root.dataset['participant'] = me.participantId;
    shareButton.hidden = !me.capabilities.includes('PublishScreen');
    const local = await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 640, height: 480 } });
    const preview = tileFor(me.participantId);
    preview.muted = true;
    preview.closest('figure')?.setAttribute('data-local', '');
    preview.srcObject = local;
    for (const track of local.getTracks()) {
      await active.publish(track, track.kind === 'audio' ? 'microphone' : 'camera', { simulcast: root.dataset['simulcast'] === 'true' });
    }
    status.textContent = root.dataset['joined'] ?? '';
    root.dataset['state'] = 'joined';
  };

  shareButton.addEventListener('click', async () => {
    const screen = await navigator.mediaDevices.getDisplayMedia({ video: true });
    const track = screen.getVideoTracks()[0];
    if (track) {
      await active.publish(track, 'screen');
      track.addEventListener('ended', () => void active.unpublish('screen'));
    }
  });
  leaveButton.addEventListener('click', async () => {
    joined = false;
    sizes.disconnect();
    active.close();
    await hub.leave();
    root.dataset['state'] = 'left';
    status.textContent = root.dataset['left'] ?? '';
  });

  start().catch((error: unknown) => {
    root.dataset['state'] = 'failed';
    status.textContent = `${root.dataset['failed'] ?? ''} ${error instanceof Error ? error.message : ''}`.trim();
  });
}
