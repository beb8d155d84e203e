// The in-meeting view. Entered from the lobby after admission (the hub connection that knocked, and the camera
// and microphone chosen there), or from /meeting#ticket=… . Builds the room inside `root`: header with the
// security state, tiles, side panels (chat, participants) and the control bar.
import { collectStats, type SessionStats } from '../../media/diagnostics';
import { MediaSession, type RemoteTrack } from '../../media/mediaSession';
import { assessQuality } from '../../media/quality';
import type { ChatMessage, JoinResult, MediaSource, MeetingHubClient, Participant } from '../../protocol/meetingHub';
import { createChatPanel } from '../chat/chatPanel';
import { mountWaitingList } from '../lobby/waitingList';
import { t } from '../text';
import { confirmAction } from './confirmDialog';
import { button, el, roleOf, setLabel } from './dom';
import { createParticipantsPanel } from './participants';
import { wireShortcuts } from './shortcuts';
import { Tiles } from './tiles';

declare global {
  interface Window {
    /** Read-only connection statistics (the quality indicator and the browser tests read them). */
    anhopDiagnostics?: { stats(): Promise<SessionStats>; participantId: string; firstRemoteFrameMs?: number };
  }
}

export interface RoomMedia {
  readonly stream?: MediaStream;
  readonly audioEnabled: boolean;
  readonly videoEnabled: boolean;
}

type Panel = 'chat' | 'participants' | null;

export function enterMeeting(root: HTMLElement, hub: MeetingHubClient, ticket: string, media: RoomMedia): void {
  const simulcast = document.querySelector<HTMLElement>('[data-simulcast]')?.dataset['simulcast'] === 'true';
  // ---- The view ----
  const room = el('section', 'room');
  room.dataset['role'] = 'meeting';
  room.dataset['layout'] = 'grid';
  const header = el('header', 'room-header');
  const title = el('h1', 'room-title', t('Room.Title'));
  title.dataset['role'] = 'meeting-title';
  const badges = el('ul', 'room-badges');
  badges.setAttribute('aria-label', t('Room.SecurityState'));
  const badge = (role: string): HTMLLIElement => {
    const li = el('li', 'badge');
    li.dataset['role'] = role;
    li.hidden = true;
    badges.append(li);
    return li;
  };
  const lockBadge = badge('lock-state');
  const myRoleBadge = badge('my-role');
  const hostBadge = badge('host-name');
  const qualityBadge = badge('quality');
  // Later issues fill these: end-to-end encryption state with its safety code, and the recording indicator.
  const e2ee = el('div', 'room-e2ee');
  e2ee.dataset['role'] = 'e2ee';
  e2ee.setAttribute('aria-label', t('Room.E2eeRegion'));
  e2ee.hidden = true;
  const recording = el('div', 'room-recording');
  recording.dataset['role'] = 'recording';
  recording.setAttribute('aria-label', t('Room.RecordingRegion'));
  recording.hidden = true;
  const status = el('p', 'room-status', t('Room.Connecting'));
  status.dataset['role'] = 'status';
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');
  header.append(title, badges, e2ee, recording, status);

  const body = el('div', 'room-body');
  const videos = el('div', 'room-videos');
  videos.setAttribute('aria-label', t('Room.Videos'));
  videos.setAttribute('role', 'region');
  const stage = el('div', 'stage');
  stage.dataset['role'] = 'stage';
  stage.hidden = true;
  const grid = el('div', 'tiles');
  grid.dataset['role'] = 'tiles';
  videos.append(stage, grid);
  const side = el('aside', 'room-side');
  side.hidden = true;
  body.append(videos, side);

  const controls = el('div', 'room-controls');
  controls.setAttribute('role', 'toolbar');
  controls.setAttribute('aria-label', t('Room.Controls'));
  const mic = button('mic', t('Room.Mute'), { pressed: false, icon: 'mic' });
  const camera = button('camera', t('Room.CameraOffAction'), { pressed: false, icon: 'camera' });
  const share = button('share', t('Room.ShareScreen'), { pressed: false, icon: 'share' });
  share.hidden = true;
  const hand = button('hand', t('Room.RaiseHand'), { pressed: false, icon: 'hand' });
  const layout = button('layout', t('Room.SpeakerLayout'), { pressed: false, icon: 'layout' });
  const chatToggle = button('chat', t('Room.Chat'), { pressed: false, icon: 'chat' });
  const unreadBadge = el('span', 'unread');
  unreadBadge.hidden = true;
  chatToggle.append(unreadBadge);
  const peopleToggle = button('participants', t('Room.Participants'), { pressed: false, icon: 'participants' });
  const help = button('shortcuts', t('Room.Shortcuts'), { icon: 'shortcuts' });
  help.setAttribute('aria-haspopup', 'dialog');
  const leave = button('leave', t('Room.Leave'), { className: 'control leave', icon: 'leave' });
  const endForAll = button('end-for-all', t('Room.EndForAll'), { className: 'control leave', icon: 'end-for-all' });
  endForAll.hidden = true;
  controls.append(mic, camera, share, hand, layout, chatToggle, peopleToggle, help, leave, endForAll);
  room.append(header, body, controls);
  root.replaceChildren(room);

  // ---- State ----
  let me: { id: string; name: string; role: string; capabilities: readonly string[] } = { id: '', name: '', role: 'participant', capabilities: [] };
  const participants = new Map<string, Participant>();
  // Sources a participant stopped sending (their own mute or camera off): shown like the host's mute.
  const closed = { microphone: new Set<string>(), camera: new Set<string>() };
  let rejoinToken: string | undefined;
  let state: 'connecting' | 'joined' | 'reconnecting' | 'left' | 'failed' = 'connecting';
  let local: MediaStream = media.stream ?? new MediaStream();
  let audioOn = media.audioEnabled;
  let videoOn = media.videoEnabled;
  let handUp = false;
  let panel: Panel = null;
  let chatEnabled = true;
  let locked = false;
  let session: MediaSession;

  const setState = (next: typeof state, message: string): void => {
    state = next;
    room.dataset['state'] = next;
    status.textContent = message;
  };
  const can = (capability: string): boolean => me.capabilities.includes(capability);

  const tiles = new Tiles({
    grid, stage,
    setVideoSize: (trackId, w, h) => {
      if (state === 'joined') void hub.setVideoSize(trackId, w, h).catch(() => undefined);
    },
    setSubscribed: (trackId, subscribed) => (subscribed ? hub.subscribe(trackId) : hub.unsubscribe(trackId)),
  }, () => me.id);

  const chat = createChatPanel(() => me.id, (text) => hub.sendChat(text));
  chat.onUnread((count) => {
    unreadBadge.hidden = count === 0;
    // The number is seen; the words are heard (the button's name keeps its visible text).
    const seen = el('span', undefined, String(count));
    seen.setAttribute('aria-hidden', 'true');
    unreadBadge.replaceChildren(seen, el('span', 'visually-hidden', `, ${t('Room.ChatUnread', count)}`));
  });
  const people = createParticipantsPanel(hub, (message) => { status.textContent = message; });
  side.append(chat.element, people.element);
  // Mounted before Join: the server tells a host the waiting list as soon as they arrive.
  const waitingList = mountWaitingList(people.waitingList, hub, { toastHost: room });

  const showPanel = (next: Panel): void => {
    panel = next;
    side.hidden = next === null;
    chat.element.hidden = next !== 'chat';
    people.element.hidden = next !== 'participants';
    chatToggle.setAttribute('aria-pressed', String(next === 'chat'));
    peopleToggle.setAttribute('aria-pressed', String(next === 'participants'));
    chat.setOpen(next === 'chat');
    if (next === 'chat') chat.focusInput();
  };
  showPanel(null);

  // ---- Header and roster ----
  const renderHeader = (lockedNow: boolean | null): void => {
    if (lockedNow !== null) {
      locked = lockedNow;
      lockBadge.hidden = false;
      lockBadge.dataset['locked'] = String(locked);
      lockBadge.textContent = locked ? t('Room.Locked') : t('Room.Unlocked');
    }
    myRoleBadge.hidden = me.id === '';
    myRoleBadge.textContent = t('Room.YourRole', t(`Room.Role.${me.role}`));
    const hosts = [...participants.values()].filter((p) => roleOf(p.role) === 'host').map((p) => p.displayName);
    hostBadge.hidden = hosts.length === 0;
    hostBadge.textContent = t('Room.HostIs', hosts.join(', '));
    endForAll.hidden = me.role !== 'host';
  };
  const renderRoster = (): void => {
    const mine = participants.get(me.id);
    if (mine) me = { ...me, role: roleOf(mine.role) };
    people.render([...participants.values()], { id: me.id, role: me.role, canModerate: can('Moderate') }, { locked, chatEnabled });
    for (const p of participants.values()) {
      tiles.label(p.id, p.displayName);
      tiles.flags(p.id === me.id ? p : {
        ...p,
        audioMuted: p.audioMuted || p.selfMuted === true || closed.microphone.has(p.id),
        videoOff: p.videoOff || p.selfVideoOff === true || closed.camera.has(p.id),
      });
      tiles.label(`screen:${p.id}`, p.displayName, true);
    }
    renderHeader(null);
  };
  const upsert = (p: Participant): void => {
    participants.set(p.id, { ...p, role: roleOf(p.role) });
    // Everyone with a name shows a tile, even with the camera off (their name stands in for the picture).
    if (p.id !== me.id && p.displayName !== '') tiles.ensure(p.id, p);
    renderRoster();
  };

  const applyCapabilities = (capabilities: readonly string[]): void => {
    me = { ...me, capabilities };
    share.hidden = !can('PublishScreen');
    mic.disabled = !can('PublishAudio');
    camera.disabled = !can('PublishVideo');
    if (!can('PublishScreen') && session?.isPublished('screen')) void session.unpublish('screen');
    if (!can('PublishAudio') && audioOn) void setAudio(false);
    if (!can('PublishVideo') && videoOn) void setVideo(false);
    chat.setEnabled(chatEnabled && can('Chat'));
    renderRoster();
  };

  // ---- Media ----
  const screenKey = (participantId: string): string => `screen:${participantId}`;
  const onRemoteTrack = (remote: RemoteTrack): void => {
    const known = participants.get(remote.participantId);
    const person = known ?? { id: remote.participantId, displayName: '' };
    if (remote.source !== 'screen') closed[remote.track.kind === 'audio' ? 'microphone' : 'camera'].delete(remote.participantId);
    if (remote.track.kind === 'audio') {
      // Audio plays through the camera tile's element (same stream).
      tiles.ensure(remote.participantId, person);
      tiles.setVideo(remote.participantId, remote.stream);
      renderRoster();
      return;
    }
    // The server says which video is a screen (the publisher named it): shown as a screen even with the camera off.
    const isScreen = remote.source === 'screen';
    const key = isScreen ? screenKey(remote.participantId) : remote.participantId;
    tiles.ensure(key, person, isScreen);
    // The camera tile plays the participant's own stream (its audio joins it whenever it arrives); a screen plays alone.
    tiles.setVideo(key, isScreen ? new MediaStream([remote.track]) : remote.stream, remote.trackId);
    const video = tiles.get(key)?.video;
    video?.requestVideoFrameCallback((now) => {
      const diagnostics = window.anhopDiagnostics;
      if (diagnostics && diagnostics.firstRemoteFrameMs === undefined) {
        performance.mark('anhop:first-frame', { startTime: now });
        diagnostics.firstRemoteFrameMs = now;
      }
    });
    remote.track.addEventListener('ended', () => {
      if (isScreen) tiles.remove(key);
      else tiles.refreshVideoState(key);
    });
    remote.track.addEventListener('mute', () => tiles.refreshVideoState(key));
    renderRoster();
    remote.track.addEventListener('unmute', () => tiles.refreshVideoState(key));
  };
  const newSession = (): MediaSession => new MediaSession(hub, onRemoteTrack);
  session = newSession();

  const showLocal = (): void => {
    const tile = tiles.ensure(me.id, { id: me.id, displayName: me.name });
    tile.figure.setAttribute('data-local', '');
    tile.video.muted = true;
    tiles.setVideo(me.id, new MediaStream(local.getVideoTracks()));
  };
  const publishLocal = async (): Promise<void> => {
    for (const track of local.getTracks()) {
      const source: MediaSource = track.kind === 'audio' ? 'microphone' : 'camera';
      const wanted = track.kind === 'audio' ? audioOn && can('PublishAudio') : videoOn && can('PublishVideo');
      if (wanted && track.readyState === 'live') {
        await session.publish(track, source, { simulcast });
      }
    }
  };
  const freshTrack = async (kind: 'audio' | 'video'): Promise<MediaStreamTrack | undefined> => {
    const previous = kind === 'audio' ? local.getAudioTracks()[0] : local.getVideoTracks()[0];
    const deviceId = previous?.getSettings().deviceId;
    const constraints: MediaTrackConstraints | boolean = deviceId ? { deviceId } : kind === 'video' ? { width: 640, height: 480 } : true;
    const stream = await navigator.mediaDevices.getUserMedia(kind === 'audio' ? { audio: constraints } : { video: constraints });
    const track = stream.getTracks()[0];
    if (track) {
      if (previous) local.removeTrack(previous);
      local.addTrack(track);
    }
    return track;
  };
  // Turning the microphone or camera off stops sending it (the others see it end, the camera light goes out);
  // turning it on opens the device again.
  async function setAudio(on: boolean): Promise<void> {
    audioOn = on;
    mic.setAttribute('aria-pressed', String(!on));
    setLabel(mic, on ? t('Room.Mute') : t('Room.Unmute'));
    if (on) {
      const track = await freshTrack('audio');
      if (track) await session.publish(track, 'microphone', { simulcast });
    } else {
      await session.unpublish('microphone');
    }
    updateSelf();
    await announceMediaState();
  }
  async function setVideo(on: boolean): Promise<void> {
    videoOn = on;
    camera.setAttribute('aria-pressed', String(!on));
    setLabel(camera, on ? t('Room.CameraOffAction') : t('Room.CameraOnAction'));
    if (on) {
      const track = await freshTrack('video');
      if (track) await session.publish(track, 'camera', { simulcast });
    } else {
      await session.unpublish('camera');
      for (const track of local.getVideoTracks()) local.removeTrack(track);
    }
    showLocal();
    updateSelf();
    await announceMediaState();
  }
  const updateSelf = (): void => {
    const mine = participants.get(me.id);
    const self: Participant = {
      ...(mine ?? { id: me.id, displayName: me.name, role: me.role, handRaised: handUp, sharing: false, canShareScreen: can('PublishScreen') }),
      audioMuted: !audioOn, videoOff: !videoOn, handRaised: handUp,
    };
    participants.set(me.id, self);
    renderRoster();
  };
  // The others see who is muted (a late joiner too: the server keeps it). Only what changed is sent.
  let announced = '';
  const announceMediaState = async (): Promise<void> => {
    const state = `${!audioOn}:${!videoOn}`;
    if (state === announced) return;
    announced = state;
    await hub.setMediaState(!audioOn, !videoOn).catch(() => { announced = ''; });
  };

  // ---- Joining and rejoining ----
  const adopt = (joined: JoinResult): void => {
    me = { id: joined.participantId, name: joined.displayName, role: roleOf(joined.role ?? 'participant'), capabilities: joined.capabilities };
    rejoinToken = joined.rejoin;
    room.dataset['participant'] = me.id;
    for (const p of joined.participants ?? []) upsert(p);
    if (joined.meeting) {
      title.textContent = joined.meeting.title || t('Room.Title');
      chatEnabled = joined.meeting.chatEnabled;
      renderHeader(joined.meeting.locked);
    }
    chat.addHistory(joined.chat ?? []);
    if (joined.waiting) waitingList.replace(joined.waiting);
    applyCapabilities(joined.capabilities);
    updateSelf();
    window.anhopDiagnostics = {
      ...window.anhopDiagnostics,
      stats: () => collectStats(session.send, session.receive),
      participantId: me.id,
    };
  };

  const start = async (): Promise<void> => {
    const joined = await hub.join(ticket);
    adopt(joined);
    setState('joined', t('Room.Joined'));
    if (!media.stream && (can('PublishAudio') || can('PublishVideo'))) {
      local = await navigator.mediaDevices.getUserMedia({ audio: can('PublishAudio'), video: can('PublishVideo') ? { width: 640, height: 480 } : false });
      performance.mark('anhop:user-media');
    }
    for (const track of local.getAudioTracks()) if (!audioOn) { track.stop(); local.removeTrack(track); }
    for (const track of local.getVideoTracks()) if (!videoOn) { track.stop(); local.removeTrack(track); }
    mic.setAttribute('aria-pressed', String(!audioOn));
    setLabel(mic, audioOn ? t('Room.Mute') : t('Room.Unmute'));
    camera.setAttribute('aria-pressed', String(!videoOn));
    setLabel(camera, videoOn ? t('Room.CameraOffAction') : t('Room.CameraOnAction'));
    showLocal();
    await publishLocal();
    updateSelf();
    await announceMediaState();
  };

  // After a network blip: same participant (Rejoin), new media connections, everything published again.
  const rejoin = async (): Promise<void> => {
    if (!rejoinToken) {
      setState('failed', t('Room.ConnectionLost'));
      return;
    }
    const old = session;
    session = newSession();
    old.close();
    for (const key of [...participants.keys()]) if (key !== me.id) tiles.removeParticipant(key);
    participants.clear();
    const joined = await hub.rejoin(rejoinToken);
    adopt(joined);
    if (audioOn) await freshTrack('audio');
    if (videoOn) await freshTrack('video');
    showLocal();
    await publishLocal();
    if (handUp) await hub.raiseHand(true);
    setState('joined', t('Room.Reconnected'));
  };

  hub.onRoom({
    subscriptionOffer: (sdp, sources) => void session.acceptOffer(sdp, sources),
    participantJoined: (p) => upsert(p),
    participantLeft: (id) => {
      participants.delete(id);
      tiles.removeParticipant(id);
      renderRoster();
    },
    participantUpdated: (p) => upsert(p),
    producerClosed: (id, source) => {
      if (source === 'screen') {
        tiles.remove(screenKey(id));
      } else {
        closed[source].add(id);
        tiles.refreshVideoState(id);
        renderRoster();
      }
    },
    activeSpeaker: (id) => tiles.activeSpeaker(id),
    capabilitiesChanged: (capabilities) => applyCapabilities(capabilities),
    chatMessage: (m: ChatMessage) => chat.add(m),
    meetingUpdated: (m) => {
      chatEnabled = m.chatEnabled;
      chat.setEnabled(chatEnabled && can('Chat'));
      renderHeader(m.locked);
      renderRoster();
    },
    unmuteRequested: (kind) => {
      status.textContent = kind === 'video' ? t('Room.AskedToStartCamera') : t('Room.AskedToUnmute');
    },
    removed: () => finish('left', t('Room.Removed')),
    meetingEnded: () => finish('left', t('Room.Ended')),
    reconnecting: () => {
      if (state === 'joined') setState('reconnecting', t('Room.Reconnecting'));
    },
    reconnected: () => {
      if (state === 'reconnecting') rejoin().catch(() => setState('failed', t('Room.ConnectionLost')));
    },
    closed: () => {
      if (state === 'joined' || state === 'reconnecting') finish('failed', t('Room.ConnectionLost'));
    },
  });

  // ---- Controls ----
  const finish = (next: 'left' | 'failed', message: string): void => {
    if (state === 'left') return;
    clearInterval(qualityTimer);
    waitingList.dispose();
    tiles.close();
    session.close();
    for (const track of local.getTracks()) track.stop();
    for (const b of controls.querySelectorAll<HTMLButtonElement>('button')) if (b !== leave) b.disabled = true;
    setState(next, message);
  };
  mic.addEventListener('click', () => void setAudio(!audioOn).catch(() => { status.textContent = t('Room.DeviceFailed'); }));
  camera.addEventListener('click', () => void setVideo(!videoOn).catch(() => { status.textContent = t('Room.DeviceFailed'); }));
  share.addEventListener('click', async () => {
    if (session.isPublished('screen')) {
      await session.unpublish('screen');
      tiles.remove(screenKey(me.id));
      share.setAttribute('aria-pressed', 'false');
      setLabel(share, t('Room.ShareScreen'));
      return;
    }
    const screen = await navigator.mediaDevices.getDisplayMedia({ video: true });
    const track = screen.getVideoTracks()[0];
    if (!track) return;
    await session.publish(track, 'screen');
    share.setAttribute('aria-pressed', 'true');
    setLabel(share, t('Room.StopSharing'));
    const tile = tiles.ensure(screenKey(me.id), { id: me.id, displayName: me.name }, true);
    tile.figure.setAttribute('data-local', '');
    tile.video.muted = true;
    tiles.setVideo(screenKey(me.id), screen);
    track.addEventListener('ended', () => {
      void session.unpublish('screen');
      tiles.remove(screenKey(me.id));
      share.setAttribute('aria-pressed', 'false');
      setLabel(share, t('Room.ShareScreen'));
    });
  });
  hand.addEventListener('click', () => {
    const raise = !handUp;
    hub.raiseHand(raise).then(() => {
      handUp = raise;
      hand.setAttribute('aria-pressed', String(raise));
      setLabel(hand, raise ? t('Room.LowerHand') : t('Room.RaiseHand'));
      updateSelf();
    }, () => { status.textContent = t('Room.ActionFailed'); });
  });
  layout.addEventListener('click', () => {
    const next = tiles.currentLayout === 'grid' ? 'speaker' : 'grid';
    tiles.setLayout(next);
    room.dataset['layout'] = next;
    layout.setAttribute('aria-pressed', String(next === 'speaker'));
  });
  chatToggle.addEventListener('click', () => showPanel(panel === 'chat' ? null : 'chat'));
  peopleToggle.addEventListener('click', () => showPanel(panel === 'participants' ? null : 'participants'));
  leave.addEventListener('click', async () => {
    const wasIn = state === 'joined';
    finish('left', t('Room.Left'));
    if (wasIn) await hub.leave().catch(() => undefined);
  });
  endForAll.addEventListener('click', async () => {
    if (!await confirmAction(t('Room.Confirm.EndForAll'), t('Room.EndForAll'))) return;
    await hub.endForAll().catch(() => undefined);
    finish('left', t('Room.Ended'));
  });
  wireShortcuts(room, {
    m: () => mic.click(), v: () => camera.click(), h: () => hand.click(), c: () => chatToggle.click(),
    p: () => peopleToggle.click(), l: () => layout.click(),
  }, help);

  // ---- Connection quality ----
  let lastStats: SessionStats | null = null;
  const qualityTimer = window.setInterval(() => {
    if (state !== 'joined') return;
    collectStats(session.send, session.receive).then((stats) => {
      const reading = assessQuality(lastStats, stats);
      lastStats = stats;
      qualityBadge.hidden = false;
      qualityBadge.dataset['quality'] = reading.quality;
      qualityBadge.textContent = t(`Room.Quality.${reading.quality}`);
      qualityBadge.title = t('Room.QualityDetails', reading.roundTripMs ?? '–', reading.lossPercent, reading.freezes);
    }, () => undefined);
  }, 3000);

  start().catch((error: unknown) => {
    finish('failed', `${t('Room.Failed')} ${error instanceof Error ? error.message : ''}`.trim());
  });
}

/** The /meeting page: the join ticket comes in the URL fragment and is removed from the address bar at once. */
export function wireMeetingPage(root: HTMLElement, hub: MeetingHubClient): void {
  const ticket = new URLSearchParams(window.location.hash.slice(1)).get('ticket') ?? '';
  if (window.location.hash) {
    history.replaceState(null, '', window.location.pathname);
  }
  hub.connect().catch(() => undefined); // Join reports a failure; connecting meanwhile saves its time
  enterMeeting(root, hub, ticket, { audioEnabled: true, videoEnabled: true });
}
