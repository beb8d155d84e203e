// The meeting hub client (SignalR). Every call is authorised on the server by the join ticket bound to this
// connection; the client only asks. No DOM here.
import { HubConnection, HubConnectionBuilder, HubConnectionState, LogLevel } from '@microsoft/signalr';

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

/** A person in the waiting room, as hosts see them. */
export interface Waiter {
  readonly id: string;
  readonly displayName: string;
}

/** The answer to Knock: admitted at once (with the join ticket), or waiting for the host. */
export interface KnockResult {
  readonly state: 'waiting' | 'admitted';
  readonly ticket?: string;
}

/** What the server tells a knocking connection while it waits. */
export interface AdmissionEvents {
  admitted(ticket: string): void;
  denied(): void;
  /** The connection closed (network loss or server stop) before a decision. */
  closed(): void;
}

/** What hosts (Moderate) hear about the waiting room. */
export interface WaitingRoomEvents {
  knocked(waiter: Waiter): void;
  waitingListChanged(waiting: readonly Waiter[]): void;
}

export class MeetingHub {
  private readonly connection: HubConnection;

  constructor(events?: MeetingEvents, url = '/hubs/meeting') {
    this.connection = new HubConnectionBuilder().withUrl(url).configureLogging(LogLevel.Warning).build();
    if (events) {
      this.listen(events);
    }
  }

  /** Registers the meeting view's handlers (a hub created by the waiting room gets them after admission). */
  listen(events: MeetingEvents): void {
    this.connection.on('SubscriptionOffer', (sdp: string) => events.subscriptionOffer(sdp));
    this.connection.on('ParticipantJoined', (id: string, name: string) => events.participantJoined(id, name));
    this.connection.on('ParticipantLeft', (id: string) => events.participantLeft(id));
    this.connection.on('ProducerClosed', (id: string, source: MediaSource) => events.producerClosed(id, source));
    this.connection.on('ActiveSpeaker', (id: string | null) => events.activeSpeaker(id));
  }

  /** Starts the connection unless it is already up (the waiting room connects before the meeting view joins). */
  async connect(): Promise<void> {
    if (this.connection.state === HubConnectionState.Disconnected) {
      await this.connection.start();
    }
  }

  async join(ticket: string): Promise<JoinResult> {
    await this.connect();
    return this.connection.invoke<JoinResult>('Join', ticket);
  }

  /** Knocks with the admission pass from POST /api/admission; the handlers hear the host's decision. */
  async knock(pass: string, events: AdmissionEvents): Promise<KnockResult> {
    this.connection.on('Admitted', (ticket: string) => events.admitted(ticket));
    this.connection.on('Denied', () => events.denied());
    this.connection.onclose(() => events.closed());
    await this.connect();
    return this.connection.invoke<KnockResult>('Knock', pass);
  }

  /** Stops hearing admission events (once admitted, the meeting view owns the connection). */
  stopAdmissionEvents(): void {
    this.connection.off('Admitted');
    this.connection.off('Denied');
  }

  /** Hosts: returns a function that stops listening. */
  watchWaitingRoom(events: WaitingRoomEvents): () => void {
    const knocked = (waiter: Waiter): void => events.knocked(waiter);
    const changed = (waiting: readonly Waiter[]): void => events.waitingListChanged(waiting);
    this.connection.on('Knocked', knocked);
    this.connection.on('WaitingListChanged', changed);
    return () => {
      this.connection.off('Knocked', knocked);
      this.connection.off('WaitingListChanged', changed);
    };
  }

  admit(waiterId: string): Promise<void> {
    return this.connection.invoke('Admit', waiterId);
  }

  deny(waiterId: string): Promise<void> {
    return this.connection.invoke('Deny', waiterId);
  }

  admitAll(): Promise<void> {
    return this.connection.invoke('AdmitAll');
  }

  /** Closes the connection without a Leave (the waiting room: the server forgets the knock when it drops). */
  async disconnect(): Promise<void> {
    await this.connection.stop();
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
