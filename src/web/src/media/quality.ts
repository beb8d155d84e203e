// Connection quality from two successive statistics samples: round-trip time, packet loss and video freezes
// since the last sample. No DOM here.
import type { SessionStats } from './diagnostics';

export type Quality = 'good' | 'fair' | 'poor';

export interface QualityReading {
  readonly quality: Quality;
  readonly roundTripMs: number | null;
  readonly lossPercent: number;
  readonly freezes: number;
}

export function assessQuality(previous: SessionStats | null, current: SessionStats): QualityReading {
  const sum = (stats: SessionStats | null, pick: (i: SessionStats['inbound'][number]) => number): number =>
    stats === null ? 0 : stats.inbound.reduce((total, i) => total + pick(i), 0);
  const received = sum(current, (i) => i.packetsReceived) - sum(previous, (i) => i.packetsReceived);
  const lost = Math.max(0, sum(current, (i) => i.packetsLost) - sum(previous, (i) => i.packetsLost));
  const freezes = Math.max(0, sum(current, (i) => i.freezeCount) - sum(previous, (i) => i.freezeCount));
  const lossPercent = received + lost > 0 ? (100 * lost) / (received + lost) : 0;
  const rtt = current.roundTripTimes.length > 0 ? Math.max(...current.roundTripTimes) * 1000 : null;
  let quality: Quality = 'good';
  if ((rtt !== null && rtt > 400) || lossPercent > 8 || freezes > 1) {
    quality = 'poor';
  } else if ((rtt !== null && rtt > 200) || lossPercent > 2 || freezes > 0) {
    quality = 'fair';
  }
  return { quality, roundTripMs: rtt === null ? null : Math.round(rtt), lossPercent: Math.round(lossPercent * 10) / 10, freezes };
}
