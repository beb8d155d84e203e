// One participant's media with the SFU: two RTCPeerConnections. On the send connection this browser offers and
// the SFU answers; on the receive connection the SFU offers and this browser answers. Each side only ever offers
// on its own connection, so there is no glare. No DOM here: tracks are handed to the UI through callbacks.
import type { MediaSource, MeetingHub, PublishedSource, TrackSources } from '../protocol/meetingHub';
import { NegotiationQueue } from './negotiationQueue';

export interface RemoteTrack {
  readonly participantId: string;
  /** The SFU's id for this track (the producer it copies), from the offer's msid. */
  readonly trackId: string;
  /** What the publisher named this track (camera, screen, microphone), as the server said in the offer. */
  readonly source: MediaSource | undefined;
  readonly track: MediaStreamTrack;
  readonly stream: MediaStream;
}

export interface PublishOptions {
  /** Three layers (1/4, 1/2, full size); the SFU picks one per subscriber. */
  readonly simulcast?: boolean;
}

const simulcastLayers: RTCRtpEncodingParameters[] = [
  { rid: 'q', scaleResolutionDownBy: 4, maxBitrate: 150_000 },
  { rid: 'h', scaleResolutionDownBy: 2, maxBitrate: 500_000 },
  { rid: 'f', maxBitrate: 1_200_000 },
];

/** The msid track id the SFU's offer gave the m-line (RFC 8830 §2): the id of the producer it carries. */
function trackIdOf(pc: RTCPeerConnection, mid: string | null): string {
  const sdp = pc.remoteDescription?.sdp ?? '';
  const section = sdp.split(/\r?\nm=/).find((part) => mid !== null && new RegExp(`\\r?\\na=mid:${mid}\\r?(\\n|$)`).test(part));
  return section?.match(/\r?\na=msid:\S+ (\S+)/)?.[1] ?? '';
}

export class MediaSession {
  readonly send = new RTCPeerConnection({ iceServers: [], bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require' });
  readonly receive = new RTCPeerConnection({ iceServers: [], bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require' });
  private readonly sendQueue = new NegotiationQueue();
  private readonly receiveQueue = new NegotiationQueue();
  private readonly published = new Map<MediaSource, RTCRtpTransceiver>();
  /** Unpublished sources' transceivers, kept inactive (never stopped) and reused when the source is published again. */
  private readonly parked = new Map<MediaSource, RTCRtpTransceiver>();
  private sources: TrackSources = {};

  constructor(
    private readonly hub: MeetingHub,
    onRemoteTrack: (remote: RemoteTrack) => void,
  ) {
    this.receive.addEventListener('track', (event) => {
      const stream = event.streams[0];
      // A remote track unmutes when its first RTP packet arrives.
      event.track.addEventListener('unmute', () => performance.mark(`anhop:first-rtp-${event.track.kind}`), { once: true });
      if (stream) {
        const trackId = trackIdOf(this.receive, event.transceiver.mid);
        onRemoteTrack({ participantId: stream.id, trackId, source: this.sources[trackId], track: event.track, stream });
      }
    });
    this.receive.addEventListener('iceconnectionstatechange', () => {
      if (this.receive.iceConnectionState === 'connected') performance.mark('anhop:receive-ice-connected');
    });
    this.receive.addEventListener('connectionstatechange', () => {
      if (this.receive.connectionState === 'connected') performance.mark('anhop:receive-dtls-connected');
    });
  }

  /** Publishes a track; the server may refuse it (for example screen sharing without the host's permission). */
  publish(track: MediaStreamTrack, source: MediaSource, options: PublishOptions = {}): Promise<void> {
    return this.sendQueue.run(async () => {
      const existing = this.published.get(source);
      if (existing) {
        await existing.sender.replaceTrack(track);
        return;
      }
      const parked = this.parked.get(source);
      if (parked) {
        this.parked.delete(source);
        await parked.sender.replaceTrack(track);
        parked.direction = 'sendonly';
        this.published.set(source, parked);
        await this.negotiateSend();
        return;
      }
      const init: RTCRtpTransceiverInit = { direction: 'sendonly' };
      if (options.simulcast && track.kind === 'video') {
        init.sendEncodings = simulcastLayers;
      }
      this.published.set(source, this.send.addTransceiver(track, init));
      await this.negotiateSend();
    });
  }

  /** Whether this source is being sent (the server did not refuse it and it was not unpublished). */
  isPublished(source: MediaSource): boolean {
    return this.published.has(source);
  }

  unpublish(source: MediaSource): Promise<void> {
    return this.sendQueue.run(async () => {
      const transceiver = this.published.get(source);
      if (!transceiver) {
        return;
      }
      this.published.delete(source);
      transceiver.sender.track?.stop();
      // Stopping the last transceiver would leave an offer without a BUNDLE group, which Chromium refuses under
      // max-bundle; an inactive m-line ends the producer at the SFU just the same and is reused later.
      await transceiver.sender.replaceTrack(null);
      transceiver.direction = 'inactive';
      this.parked.set(source, transceiver);
      await this.negotiateSend();
    });
  }

  /** The SFU's new offer for the receive connection. */
  acceptOffer(offerSdp: string, sources: TrackSources = {}): Promise<void> {
    return this.receiveQueue.run(async () => {
      // Known before the tracks fire (they fire inside setRemoteDescription).
      this.sources = sources;
      await this.receive.setRemoteDescription({ type: 'offer', sdp: offerSdp });
      const answer = await this.receive.createAnswer();
      await this.receive.setLocalDescription(answer);
      await this.hub.answerSubscription(answer.sdp ?? '');
      performance.mark('anhop:subscription-answered');
    });
  }

  close(): void {
    for (const transceiver of this.published.values()) {
      transceiver.sender.track?.stop();
    }
    this.published.clear();
    this.parked.clear();
    this.send.close();
    this.receive.close();
  }

  private async negotiateSend(): Promise<void> {
    const offer = await this.send.createOffer();
    await this.send.setLocalDescription(offer);
    const sources: PublishedSource[] = [];
    for (const [source, transceiver] of this.published) {
      if (transceiver.mid) {
        sources.push({ mid: transceiver.mid, source });
      }
    }
    const result = await this.hub.publish(offer.sdp ?? '', sources);
    await this.send.setRemoteDescription({ type: 'answer', sdp: result.answerSdp });
    performance.mark('anhop:publish-answered');
    for (const refused of result.refused) {
      for (const [source, transceiver] of this.published) {
        if (transceiver.mid === refused.mid) {
          transceiver.sender.track?.stop();
          this.published.delete(source);
        }
      }
    }
  }
}
