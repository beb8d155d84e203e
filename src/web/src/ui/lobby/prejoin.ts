// The pre-join media panel: camera preview, microphone level, on/off toggles and device pickers. Switching a
// device or turning a kind back on re-acquires it; turning a kind off stops its track (the camera light goes out).
import { LevelMeter } from '../../media/levelMeter';
import { acquire, listDevices, mediaSupported, stopTracks, type DeviceKind, type DeviceProblem } from '../../media/localMedia';
import { t } from '../text';

export interface PreparedMedia {
  readonly stream?: MediaStream;
  readonly audioEnabled: boolean;
  readonly videoEnabled: boolean;
}

interface Elements {
  readonly video: HTMLVideoElement;
  readonly videoOff: HTMLElement;
  readonly meter: HTMLMeterElement;
  readonly status: HTMLElement;
  readonly cameraToggle: HTMLButtonElement;
  readonly microphoneToggle: HTMLButtonElement;
  readonly cameraSelect: HTMLSelectElement;
  readonly microphoneSelect: HTMLSelectElement;
}

export class PreJoin {
  private stream = new MediaStream();
  private cameraOn = true;
  private microphoneOn = true;
  private meter: LevelMeter | undefined;
  private frame = 0;
  private readonly problems = new Map<DeviceKind, DeviceProblem>();

  private constructor(private readonly el: Elements) {}

  static find(root: HTMLElement): PreJoin | undefined {
    const q = <T extends Element>(selector: string): T | null => root.querySelector<T>(selector);
    const el = {
      video: q<HTMLVideoElement>('video[data-role=preview]'),
      videoOff: q<HTMLElement>('[data-role=preview-off]'),
      meter: q<HTMLMeterElement>('meter[data-role=microphone-level]'),
      status: q<HTMLElement>('[data-role=device-status]'),
      cameraToggle: q<HTMLButtonElement>('button[data-action=toggle-camera]'),
      microphoneToggle: q<HTMLButtonElement>('button[data-action=toggle-microphone]'),
      cameraSelect: q<HTMLSelectElement>('select[data-role=camera-select]'),
      microphoneSelect: q<HTMLSelectElement>('select[data-role=microphone-select]'),
    };
    if (Object.values(el).some((e) => e === null)) {
      return undefined;
    }
    return new PreJoin(el as Elements);
  }

  async start(): Promise<void> {
    this.el.cameraToggle.addEventListener('click', () => void this.toggle('camera'));
    this.el.microphoneToggle.addEventListener('click', () => void this.toggle('microphone'));
    this.el.cameraSelect.addEventListener('change', () => void this.reacquire('camera'));
    this.el.microphoneSelect.addEventListener('change', () => void this.reacquire('microphone'));
    navigator.mediaDevices?.addEventListener?.('devicechange', () => void this.fillPickers());
    this.renderToggles();
    await this.reacquire('camera', 'microphone');
  }

  /** What the meeting view gets: the live stream and which kinds the person left on. */
  media(): PreparedMedia {
    const hasTracks = this.stream.getTracks().length > 0;
    return {
      ...(hasTracks ? { stream: this.stream } : {}),
      audioEnabled: this.microphoneOn && this.stream.getAudioTracks().length > 0,
      videoEnabled: this.cameraOn && this.stream.getVideoTracks().length > 0,
    };
  }

  /** Stops the preview and meter; `keepTracks` hands the tracks on to the meeting view instead of stopping them. */
  close(keepTracks: boolean): void {
    cancelAnimationFrame(this.frame);
    this.meter?.close();
    this.meter = undefined;
    this.el.video.srcObject = null;
    if (!keepTracks) {
      stopTracks(this.stream);
    }
  }

  private async toggle(kind: DeviceKind): Promise<void> {
    if (kind === 'camera') {
      this.cameraOn = !this.cameraOn;
    } else {
      this.microphoneOn = !this.microphoneOn;
    }
    this.renderToggles();
    if ((kind === 'camera' ? this.cameraOn : this.microphoneOn)) {
      await this.reacquire(kind);
    } else {
      stopTracks(this.stream, kind === 'camera' ? 'video' : 'audio');
      this.problems.delete(kind);
      this.renderMedia();
    }
  }

  private async reacquire(...kinds: DeviceKind[]): Promise<void> {
    const camera = kinds.includes('camera') && this.cameraOn;
    const microphone = kinds.includes('microphone') && this.microphoneOn;
    for (const kind of kinds) {
      stopTracks(this.stream, kind === 'camera' ? 'video' : 'audio');
      this.problems.delete(kind);
    }
    const cameraId = this.el.cameraSelect.value;
    const microphoneId = this.el.microphoneSelect.value;
    const acquired = await acquire({
      camera,
      microphone,
      ...(cameraId ? { cameraId } : {}),
      ...(microphoneId ? { microphoneId } : {}),
    });
    for (const track of acquired.stream.getTracks()) this.stream.addTrack(track);
    for (const [kind, problem] of acquired.problems) this.problems.set(kind, problem);
    await this.fillPickers();
    this.renderMedia();
  }

  private async fillPickers(): Promise<void> {
    const lists = await listDevices();
    const current = (kind: 'audio' | 'video'): string | undefined =>
      this.stream.getTracks().find((track) => track.kind === kind)?.getSettings().deviceId;
    fill(this.el.cameraSelect, lists.cameras, current('video') ?? this.el.cameraSelect.value, 'Lobby.UnnamedCamera');
    fill(this.el.microphoneSelect, lists.microphones, current('audio') ?? this.el.microphoneSelect.value, 'Lobby.UnnamedMicrophone');
  }

  private renderToggles(): void {
    for (const [button, on] of [[this.el.cameraToggle, this.cameraOn], [this.el.microphoneToggle, this.microphoneOn]] as const) {
      button.setAttribute('aria-pressed', on ? 'true' : 'false');
      let state = button.querySelector<HTMLElement>('.toggle-state');
      if (!state) {
        state = document.createElement('span');
        state.className = 'toggle-state';
        state.setAttribute('aria-hidden', 'true');
        button.append(state);
      }
      state.textContent = t(on ? 'Lobby.On' : 'Lobby.Off');
    }
  }

  private renderMedia(): void {
    const hasVideo = this.stream.getVideoTracks().length > 0;
    this.el.video.srcObject = hasVideo ? this.stream : null;
    this.el.video.hidden = !hasVideo;
    this.el.videoOff.hidden = hasVideo;
    this.startMeter();
    this.renderProblems();
  }

  private startMeter(): void {
    cancelAnimationFrame(this.frame);
    this.meter?.close();
    this.meter = undefined;
    this.el.meter.value = 0;
    const audio = this.stream.getAudioTracks();
    if (audio.length === 0) {
      return;
    }
    const meter = new LevelMeter(new MediaStream(audio));
    this.meter = meter;
    const draw = (): void => {
      this.el.meter.value = meter.read();
      this.frame = requestAnimationFrame(draw);
    };
    this.frame = requestAnimationFrame(draw);
  }

  private renderProblems(): void {
    const lines: string[] = [];
    if (!mediaSupported() && (this.cameraOn || this.microphoneOn)) {
      lines.push(t('Lobby.Device.Unsupported'));
    } else {
      const camera = this.problems.get('camera');
      const microphone = this.problems.get('microphone');
      if (camera && camera === microphone) {
        lines.push(message(camera, t('Lobby.Kind.Both')));
      } else {
        if (camera) lines.push(message(camera, t('Lobby.Kind.Camera')));
        if (microphone) lines.push(message(microphone, t('Lobby.Kind.Microphone')));
      }
    }
    this.el.status.textContent = lines.join(' ');
    this.el.status.hidden = lines.length === 0;
    const worst = [...this.problems.values()][0];
    if (worst) {
      this.el.status.dataset['problem'] = worst;
    } else {
      delete this.el.status.dataset['problem'];
    }
  }
}

function message(problem: DeviceProblem, what: string): string {
  switch (problem) {
    case 'denied':
      return t('Lobby.Device.Denied', what);
    case 'missing':
      return t('Lobby.Device.Missing', what);
    case 'busy':
      return t('Lobby.Device.Busy', what);
    case 'unsupported':
      return t('Lobby.Device.Unsupported');
  }
}

function fill(select: HTMLSelectElement, devices: readonly MediaDeviceInfo[], selected: string, unnamedKey: string): void {
  select.replaceChildren();
  if (devices.length === 0) {
    const none = document.createElement('option');
    none.value = '';
    none.textContent = t('Lobby.NoDevice');
    select.append(none);
    select.disabled = true;
    return;
  }
  select.disabled = false;
  devices.forEach((device, index) => {
    const option = document.createElement('option');
    option.value = device.deviceId;
    option.textContent = device.label || t(unnamedKey, index + 1);
    option.selected = device.deviceId === selected;
    select.append(option);
  });
}
