// The meeting hub client (SignalR). Every call is authorised on the server by the join ticket bound to this
// connection; the client only asks. No DOM here.
import { HubConnection, HubConnectionBuilder, HubConnectionState, LogLevel } from '@microsoft/signalr';

export type MediaSource = 'microphone' | 'camera' | 'screen';

export interface PublishedSource {
  readonly mid: string;
  readonly source: MediaSource;
}

/** A participant as everyone in the meeting sees them (PROTOCOL: the participant object). */
export interface Participant {
  readonly id: string;
  readonly displayName: string;
  readonly role: string;
  readonly handRaised: boolean;
  readonly audioMuted: boolean;
  readonly videoOff: boolean;
  /** The person muted their own microphone / stopped their own camera (SetMediaState). */
  readonly selfMuted?: boolean;
  readonly selfVideoOff?: boolean;
  readonly sharing: boolean;
  readonly canShareScreen: boolean;
}

/** A chat message: plain text, rendered with textContent only. */
export interface ChatMessage {
  readonly id: string;
  readonly from: string;
  readonly fromName: string;
  readonly text: string;
  readonly sentAt: string;
}

export interface MeetingState {
  readonly title: string;
  readonly locked: boolean;
  readonly chatEnabled: boolean;
}

export interface JoinResult {
  readonly participantId: string;
  readonly displayName: string;
  readonly capabilities: readonly string[];
  readonly role?: string;
  readonly participants?: readonly Participant[];
  readonly chat?: readonly ChatMessage[];
  readonly meeting?: MeetingState;
  /** The token for Rejoin after a dropped connection (PROTOCOL: `rejoin`). */
  readonly rejoin?: string;
  /** Who waits now (hosts and co-hosts; empty for others). */
  readonly waiting?: readonly Waiter[];
}

/** SendChat refused by the per-connection throttle (PROTOCOL: SendChat, "Too many messages…"). */
export function isChatThrottled(error: unknown): boolean {
  return error instanceof Error && error.message.includes('Too many messages');
}

/** What the publisher named each track of a subscription offer, by the track id (PROTOCOL: SubscriptionOffer). */
export type TrackSources = Readonly<Record<string, MediaSource>>;

export interface PublishResult {
  readonly answerSdp: string;
  readonly refused: readonly { mid: string; reason: string }[];
}

export interface MeetingEvents {
  /** sources: what each offered track is, by its msid track id. */
  subscriptionOffer(offerSdp: string, sources: TrackSources): void;
  participantJoined(participantId: string, displayName: string): void;
  participantLeft(participantId: string): void;
  producerClosed(participantId: string, source: MediaSource): void;
  activeSpeaker(participantId: string | null): void;
}

/** What happens in the room while this participant is in it (PROTOCOL: server → client). */
export interface RoomEvents {
  /** sources: what each offered track is, by its msid track id. */
  subscriptionOffer(offerSdp: string, sources: TrackSources): void;
  /** A participant object, or (for an older server) just an id and a name. */
  participantJoined(participant: Participant): void;
  participantLeft(participantId: string): void;
  participantUpdated(participant: Participant): void;
  producerClosed(participantId: string, source: MediaSource): void;
  activeSpeaker(participantId: string | null): void;
  capabilitiesChanged(capabilities: readonly string[]): void;
  chatMessage(message: ChatMessage): void;
  meetingUpdated(state: { locked: boolean; chatEnabled: boolean }): void;
  unmuteRequested(kind: string): void;
  removed(reason: string): void;
  meetingEnded(): void;
  /** The connection dropped; SignalR is trying again. */
  reconnecting(): void;
  /** The connection is back (new connection id): the room must Rejoin. */
  reconnected(): void;
  /** The connection is gone for good. */
  closed(): void;
}

/** An older server names a joined participant by (id, name); the protocol sends the participant object. */
function participantOf(value: unknown, name?: unknown): Participant {
  if (typeof value === 'object' && value !== null) {
    return value as Participant;
  }
  return {
    id: String(value), displayName: typeof name === 'string' ? name : '', role: 'participant',
    handRaised: false, audioMuted: false, videoOff: false, sharing: false, canShareScreen: false,
  };
}

/** A person in the waiting room, as hosts see them. */
export interface Waiter {
  readonly id: string;
  readonly displayName: string;
  readonly role?: string;
  readonly knockedAt?: string;
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
  /** The connection dropped before a decision (a new connection is a stranger to the waiting room). */
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
    this.connection = new HubConnectionBuilder().withUrl(url).withAutomaticReconnect([0, 1000, 2000, 5000, 10_000, 20_000, 30_000])
      .configureLogging(LogLevel.Warning).build();
    if (events) {
      this.connection.on('SubscriptionOffer', (sdp: string, sources?: TrackSources) => events.subscriptionOffer(sdp, sources ?? {}));
      this.connection.on('ParticipantJoined', (id: string, name: string) => events.participantJoined(id, name));
      this.connection.on('ParticipantLeft', (id: string) => events.participantLeft(id));
      this.connection.on('ProducerClosed', (id: string, source: MediaSource) => events.producerClosed(id, source));
      this.connection.on('ActiveSpeaker', (id: string | null) => events.activeSpeaker(id));
    }
  }

  private starting: Promise<void> | undefined;

  /**
   * Starts the connection unless it is up or starting already (the lobby may have knocked on it; the meeting page
   * starts it before it builds the room, so that it is up by the time Join is called).
   */
  async connect(): Promise<void> {
    if (this.connection.state === HubConnectionState.Disconnected) {
      this.starting = this.connection.start().then(() => {
        performance.mark('anhop:hub-connected');
      });
      void this.starting.catch(() => undefined).finally(() => {
        this.starting = undefined;
      });
    }
    await this.starting;
  }

  async join(ticket: string): Promise<JoinResult> {
    await this.connect();
    const joined = await this.connection.invoke<JoinResult>('Join', ticket);
    performance.mark('anhop:join-answered');
    return joined;
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

  // ---- The waiting room (PROTOCOL: Knock, Admitted, Denied; hosts: Knocked, WaitingListChanged, Admit…) ----

  /** Knocks with the admission pass from POST /api/admission; the handlers hear the host's decision. */
  async knock(pass: string, events: AdmissionEvents): Promise<KnockResult> {
    this.connection.on('Admitted', (ticket: string) => events.admitted(ticket));
    this.connection.on('Denied', () => events.denied());
    this.connection.onreconnecting(() => events.closed());
    this.connection.onclose(() => events.closed());
    await this.connect();
    return this.connection.invoke<KnockResult>('Knock', pass);
  }

  /** Stops hearing admission events (once admitted, the meeting view owns the connection). */
  stopAdmissionEvents(): void {
    this.connection.off('Admitted');
    this.connection.off('Denied');
  }

  /** Hosts: hear knocks and the waiting list; returns a function that stops listening. */
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

  /** Closes the connection without a Leave (leaving the waiting room: the server forgets a knock when it drops). */
  async disconnect(): Promise<void> {
    await this.connection.stop();
  }

  // ---- In the room (PROTOCOL: Rejoin, chat, hand, moderation) ----

  /** Listens to the room's events; registered before Join so no early offer or message is missed. */
  onRoom(events: RoomEvents): void {
    const c = this.connection;
    c.on('SubscriptionOffer', (sdp: string, sources?: TrackSources) => {
      performance.mark('anhop:subscription-offer');
      events.subscriptionOffer(sdp, sources ?? {});
    });
    c.on('ParticipantJoined', (p: unknown, name?: unknown) => events.participantJoined(participantOf(p, name)));
    c.on('ParticipantLeft', (id: string) => events.participantLeft(id));
    c.on('ParticipantUpdated', (p: Participant) => events.participantUpdated(p));
    c.on('ProducerClosed', (id: string, source: MediaSource) => events.producerClosed(id, source));
    c.on('ActiveSpeaker', (id: string | null) => events.activeSpeaker(id));
    c.on('CapabilitiesChanged', (capabilities: string[]) => events.capabilitiesChanged(capabilities));
    c.on('ChatMessage', (m: ChatMessage) => events.chatMessage(m));
    c.on('MeetingUpdated', (m: { locked: boolean; chatEnabled: boolean }) => events.meetingUpdated(m));
    c.on('UnmuteRequested', (kind: string) => events.unmuteRequested(kind));
    c.on('Removed', (reason: string) => events.removed(reason));
    c.on('MeetingEnded', () => events.meetingEnded());
    c.onreconnecting(() => events.reconnecting());
    c.onreconnected(() => events.reconnected());
    c.onclose(() => events.closed());
  }

  /** Back into the meeting after a dropped connection, as the same participant (within the server's window). */
  rejoin(token: string): Promise<JoinResult> {
    return this.connection.invoke<JoinResult>('Rejoin', token);
  }

  sendChat(text: string): Promise<void> {
    return this.connection.invoke('SendChat', text);
  }

  raiseHand(raised: boolean): Promise<void> {
    return this.connection.invoke('RaiseHand', raised);
  }

  /** Tells the others that this person's microphone is muted or their camera off (it grants nothing). */
  setMediaState(audioMuted: boolean, videoOff: boolean): Promise<void> {
    return this.connection.invoke('SetMediaState', audioMuted, videoOff);
  }

  /** A host's action on one participant (PROTOCOL: host [Moderate]). */
  moderate(action: 'Mute' | 'AskToUnmute' | 'StopCamera' | 'Remove' | 'Ban' | 'HandOverHost', participantId: string): Promise<void> {
    return this.connection.invoke(action, participantId);
  }

  allowScreenShare(participantId: string, allowed: boolean): Promise<void> {
    return this.connection.invoke('AllowScreenShare', participantId, allowed);
  }

  makeCoHost(participantId: string, coHost: boolean): Promise<void> {
    return this.connection.invoke('MakeCoHost', participantId, coHost);
  }

  lock(locked: boolean): Promise<void> {
    return this.connection.invoke('Lock', locked);
  }

  muteAll(): Promise<void> {
    return this.connection.invoke('MuteAll');
  }

  setChatEnabled(enabled: boolean): Promise<void> {
    return this.connection.invoke('SetChatEnabled', enabled);
  }

  async endForAll(): Promise<void> {
    try {
      await this.connection.invoke('EndForAll');
    } finally {
      await this.connection.stop();
    }
  }
}

/** The name the room and the lobby modules use for the hub client. */
export type MeetingHubClient = MeetingHub;
