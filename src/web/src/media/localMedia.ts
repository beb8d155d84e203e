// Camera and microphone before joining: acquire each kind on its own so that a refused or missing camera never
// costs the microphone (and the other way round), and tell the UI exactly why a kind is unavailable. No DOM here.

export type DeviceKind = 'camera' | 'microphone';

/** Why a device kind could not be used: refused by the person or the browser, none present, busy, or no API. */
export type DeviceProblem = 'denied' | 'missing' | 'busy' | 'unsupported';

export interface DeviceChoice {
  readonly camera: boolean;
  readonly microphone: boolean;
  readonly cameraId?: string;
  readonly microphoneId?: string;
}

export interface Acquired {
  readonly stream: MediaStream;
  readonly problems: ReadonlyMap<DeviceKind, DeviceProblem>;
}

export interface DeviceLists {
  readonly cameras: readonly MediaDeviceInfo[];
  readonly microphones: readonly MediaDeviceInfo[];
}

export function mediaSupported(): boolean {
  return typeof navigator.mediaDevices?.getUserMedia === 'function';
}

/** Maps a getUserMedia error to what the person can do about it. */
export function classify(error: unknown): DeviceProblem {
  const name = error instanceof DOMException ? error.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'denied';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'missing';
    default:
      return 'busy';
  }
}

function constraintFor(kind: DeviceKind, deviceId: string | undefined): MediaTrackConstraints {
  const base: MediaTrackConstraints = kind === 'camera' ? { width: { ideal: 640 }, height: { ideal: 480 } } : { echoCancellation: true, noiseSuppression: true };
  return deviceId ? { ...base, deviceId: { exact: deviceId } } : base;
}

/** Acquires the kinds that are on; a kind that fails is reported, never thrown. */
export async function acquire(choice: DeviceChoice): Promise<Acquired> {
  const stream = new MediaStream();
  const problems = new Map<DeviceKind, DeviceProblem>();
  const wanted: DeviceKind[] = [];
  if (choice.camera) wanted.push('camera');
  if (choice.microphone) wanted.push('microphone');
  if (wanted.length === 0) {
    return { stream, problems };
  }
  if (!mediaSupported()) {
    for (const kind of wanted) problems.set(kind, 'unsupported');
    return { stream, problems };
  }
  const constraints = {
    video: choice.camera ? constraintFor('camera', choice.cameraId) : false,
    audio: choice.microphone ? constraintFor('microphone', choice.microphoneId) : false,
  };
  try {
    // One request first, so a browser asks once for both.
    const both = await navigator.mediaDevices.getUserMedia(constraints);
    for (const track of both.getTracks()) stream.addTrack(track);
    return { stream, problems };
  } catch (error) {
    if (wanted.length === 1) {
      problems.set(wanted[0] as DeviceKind, classify(error));
      return { stream, problems };
    }
  }
  for (const kind of wanted) {
    try {
      const single = await navigator.mediaDevices.getUserMedia(
        kind === 'camera' ? { video: constraints.video } : { audio: constraints.audio });
      for (const track of single.getTracks()) stream.addTrack(track);
    } catch (error) {
      problems.set(kind, classify(error));
    }
  }
  return { stream, problems };
}

export function stopTracks(stream: MediaStream | undefined, kind?: 'audio' | 'video'): void {
  for (const track of stream?.getTracks() ?? []) {
    if (!kind || track.kind === kind) {
      track.stop();
      stream?.removeTrack(track);
    }
  }
}

/** The cameras and microphones the browser lists (labels appear once a permission was granted). */
export async function listDevices(): Promise<DeviceLists> {
  if (typeof navigator.mediaDevices?.enumerateDevices !== 'function') {
    return { cameras: [], microphones: [] };
  }
  const devices = await navigator.mediaDevices.enumerateDevices();
  return {
    cameras: devices.filter((d) => d.kind === 'videoinput' && d.deviceId !== ''),
    microphones: devices.filter((d) => d.kind === 'audioinput' && d.deviceId !== ''),
  };
}
