/**
 * The phone's nudge when the turn is near or the number is called: a vibration and a short two-note tone,
 * each only where the browser allows it (vibration needs a supporting phone; sound needs the visitor to
 * have touched the page once). Never required: the words on screen say the same.
 */
let audio: AudioContext | undefined;

/** Called on the visitor's first touch: an AudioContext made then may play later without a gesture. */
export function unlockSound(): void {
  try {
    audio ??= new AudioContext();
    void audio.resume().catch(() => undefined);
  } catch {
    audio = undefined; // no Web Audio here
  }
}

export function alertVisitor(): void {
  try {
    // Chrome refuses (and logs) a vibration before the visitor's first touch: asked only after one.
    if (navigator.userActivation?.hasBeenActive !== false) navigator.vibrate?.([300, 150, 300]);
  } catch {
    /* not allowed here */
  }
  if (!audio) unlockSound(); // some browsers (an installed web app, a kiosk mode) allow sound without a touch
  if (!audio || audio.state !== 'running') return;
  const start = audio.currentTime;
  for (const [i, frequency] of [880, 660].entries()) {
    const tone = audio.createOscillator();
    const gain = audio.createGain();
    tone.frequency.value = frequency;
    gain.gain.value = 0.2;
    tone.connect(gain).connect(audio.destination);
    tone.start(start + i * 0.25);
    tone.stop(start + i * 0.25 + 0.2);
  }
}
