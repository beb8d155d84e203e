// Microphone level from a WebAudio AnalyserNode: the RMS of the latest samples, scaled to 0..1. No DOM here.

export class LevelMeter {
  private readonly context: AudioContext;
  private readonly analyser: AnalyserNode;
  private readonly samples: Float32Array<ArrayBuffer>;

  constructor(stream: MediaStream) {
    this.context = new AudioContext();
    const source = this.context.createMediaStreamSource(stream);
    this.analyser = this.context.createAnalyser();
    this.analyser.fftSize = 1024;
    this.samples = new Float32Array(this.analyser.fftSize);
    source.connect(this.analyser);
    // A context made before any click may start suspended; capture usually lets it run, and resume() asks.
    void this.context.resume();
  }

  /** 0 (silence) to 1 (loud speech); the square root spreads ordinary speech over the scale. */
  read(): number {
    this.analyser.getFloatTimeDomainData(this.samples);
    let sum = 0;
    for (const sample of this.samples) sum += sample * sample;
    const rms = Math.sqrt(sum / this.samples.length);
    return Math.min(1, Math.sqrt(rms * 4));
  }

  close(): void {
    void this.context.close();
  }
}
