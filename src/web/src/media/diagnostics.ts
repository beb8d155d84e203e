// A summary of what the two connections report (W3C webrtc-stats), for the connection-quality indicator and tests.

export interface InboundSummary {
  readonly kind: string;
  readonly trackIdentifier: string;
  readonly packetsReceived: number;
  readonly packetsLost: number;
  readonly framesDecoded: number;
  readonly freezeCount: number;
  /** Seconds of all freezes so far (W3C: totalFreezesDuration). */
  readonly totalFreezesDuration: number;
  readonly nackCount: number;
  readonly pliCount: number;
  readonly firCount: number;
  readonly frameWidth: number;
  readonly frameHeight: number;
}

export interface OutboundSummary {
  readonly kind: string;
  readonly rid: string | null;
  readonly packetsSent: number;
  readonly framesEncoded: number;
  readonly nackCount: number;
  readonly pliCount: number;
  readonly firCount: number;
}

export interface SessionStats {
  readonly inbound: InboundSummary[];
  readonly outbound: OutboundSummary[];
  readonly srtpCiphers: string[];
  readonly dtlsStates: string[];
  /** Current round-trip times (seconds) of the selected ICE candidate pairs. */
  readonly roundTripTimes: number[];
}

type Stat = Record<string, unknown>;
const num = (s: Stat, key: string): number => (typeof s[key] === 'number' ? (s[key] as number) : 0);
const str = (s: Stat, key: string): string => (typeof s[key] === 'string' ? (s[key] as string) : '');

export async function collectStats(send: RTCPeerConnection, receive: RTCPeerConnection): Promise<SessionStats> {
  const result: SessionStats = { inbound: [], outbound: [], srtpCiphers: [], dtlsStates: [], roundTripTimes: [] };
  for (const pc of [send, receive]) {
    const report = await pc.getStats();
    report.forEach((value) => {
      const s = value as Stat;
      switch (s['type']) {
        case 'inbound-rtp':
          result.inbound.push({
            kind: str(s, 'kind'), trackIdentifier: str(s, 'trackIdentifier'),
            packetsReceived: num(s, 'packetsReceived'), packetsLost: num(s, 'packetsLost'),
            framesDecoded: num(s, 'framesDecoded'), freezeCount: num(s, 'freezeCount'),
            totalFreezesDuration: num(s, 'totalFreezesDuration'),
            nackCount: num(s, 'nackCount'), pliCount: num(s, 'pliCount'), firCount: num(s, 'firCount'),
            frameWidth: num(s, 'frameWidth'), frameHeight: num(s, 'frameHeight'),
          });
          break;
        case 'outbound-rtp':
          result.outbound.push({
            kind: str(s, 'kind'), rid: str(s, 'rid') || null,
            packetsSent: num(s, 'packetsSent'), framesEncoded: num(s, 'framesEncoded'),
            nackCount: num(s, 'nackCount'), pliCount: num(s, 'pliCount'), firCount: num(s, 'firCount'),
          });
          break;
        case 'transport':
          if (str(s, 'srtpCipher')) result.srtpCiphers.push(str(s, 'srtpCipher'));
          if (str(s, 'dtlsState')) result.dtlsStates.push(str(s, 'dtlsState'));
          break;
        case 'candidate-pair':
          if (s['nominated'] === true && typeof s['currentRoundTripTime'] === 'number') result.roundTripTimes.push(num(s, 'currentRoundTripTime'));
          break;
        default:
          break;
      }
    });
  }
  return result;
}
