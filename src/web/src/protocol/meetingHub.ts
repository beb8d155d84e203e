// The meeting hub client (SignalR). Every call is authorised on the server by the join ticket bound to this
// connection; the client only asks. No DOM here.
import { HubConnection, HubConnectionBuilder, LogLevel } from '@microsoft/signalr';

export type MediaSource = 'microphone' | 'camera' | 'screen';

export interface PublishedSource {
  readonly mid: string;
  readonly source: MediaSource;
}

export interface JoinResult {
  readonly participantId: string;
  readonly displayName: string;
  readonly capabilities: readonly string[];
}

export interface PublishResult {
  readonly answerSdp: string;
  readonly refused: readonly { mid: string; reason: string }[];
}

export interface MeetingEvents {
  subscriptionOffer(offerSdp: string): void;
  participantJoined(participantId: string, displayName: string): void;
  participantLeft(participantId: string): void;
  producerClosed(participantId: string, source: MediaSource): void;
  activeSpeaker(participantId: string | null): void;
}

export class MeetingHub {
  private readonly connection: HubConnection;

  constructor(events: MeetingEvents, url = '/hubs/meeting') {
    this.connection = new HubConnectionBuilder().withUrl(url).configureLogging(LogLevel.Warning).build();
    this.connection.on('SubscriptionOffer', (sdp: string) => events.subscriptionOffer(sdp));
    this.connection.on('ParticipantJoined', (id: string, name: string) => events.participantJoined(id, name));
    this.connection.on('ParticipantLeft', (id: string) => events.participantLeft(id));
    this.connection.on('ProducerClosed', (id: string, source: MediaSource) => events.producerClosed(id, source));
    this.connection.on('ActiveSpeaker', (id: string | null) => events.activeSpeaker(id));
  }

  async join(ticket: string): Promise<JoinResult> {
    await this.connection.start();
    return this.connection.invoke<JoinResult>('Join', ticket);
  }

  publish(offerSdp: string, sources: readonly PublishedSource[]): Promise<PublishResult> {
    return this.connection.invoke<PublishResult>('Publish', offerSdp, sources);
  }

  answerSubscription(answerSdp: string): Promise<void> {
    return this.connection.invoke('AnswerSubscription', answerSdp);
  }

  subscribe(trackId: string): Promise<void> {
    return this.connection.invoke('Subscribe', trackId);
  }

  unsubscribe(trackId: string): Promise<void> {
    return this.connection.invoke('Unsubscribe', trackId);
  }

  setVideoSize(trackId: string, width: number, height: number): Promise<void> {
    return this.connection.invoke('SetVideoSize', trackId, Math.round(width), Math.round(height));
  }

  async leave(): Promise<void> {
    try {
      await this.connection.invoke('Leave');
    } finally {
      await this.connection.stop();
    }
  }
}
