// A short two-note chime made with a WebAudio OscillatorNode: no audio file, nothing fetched.

let context: AudioContext | undefined;

export function playKnock(): void {
  context ??= new AudioContext();
  const audio = context;
  void audio.resume();
  const start = audio.currentTime + 0.01;
  for (const [offset, frequency] of [[0, 880], [0.16, 1175]] as const) {
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.type = 'sine';
    oscillator.frequency.value = frequency;
    // A soft attack and decay: a chime, not a click.
    gain.gain.setValueAtTime(0, start + offset);
    gain.gain.linearRampToValueAtTime(0.18, start + offset + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.001, start + offset + 0.35);
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start(start + offset);
    oscillator.stop(start + offset + 0.4);
  }
}
