/** Runs negotiations of one RTCPeerConnection one at a time, in order: offer/answer steps must never interleave. */
export class NegotiationQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(step: () => Promise<T>): Promise<T> {
    const next = this.tail.then(step, step);
    this.tail = next.catch(() => undefined);
    return next;
  }
}
