/**
 * The slices of the Web Audio, fetch and timer APIs the voice modules use. The real browser
 * objects satisfy these interfaces; tests pass small fakes, so no browser is needed.
 */

/** A decoded clip: only its length matters for scheduling. */
export interface AudioBufferLike {
  /** Seconds. */
  readonly duration: number;
}

export interface AudioNodeLike {
  connect(destination: AudioNodeLike): unknown;
  disconnect(): void;
}

/** An `AudioBufferSourceNode`: plays one buffer once, at a context time. */
export interface AudioBufferSourceLike extends AudioNodeLike {
  buffer: AudioBufferLike | null;
  start(when?: number): void;
  stop(when?: number): void;
}

export interface GainNodeLike extends AudioNodeLike {
  readonly gain: { value: number };
}

/** An `AudioContext`. `currentTime` (seconds) only advances while `state` is "running". */
export interface AudioContextLike {
  readonly currentTime: number;
  readonly state: string;
  readonly destination: AudioNodeLike;
  createBufferSource(): AudioBufferSourceLike;
  createGain(): GainNodeLike;
  decodeAudioData(data: ArrayBuffer): Promise<AudioBufferLike>;
  resume(): Promise<void>;
  close(): Promise<void>;
}

/** The part of a fetch `Response` the pack loader reads. */
export interface FetchResponseLike {
  readonly ok: boolean;
  readonly status: number;
  arrayBuffer(): Promise<ArrayBuffer>;
  json(): Promise<unknown>;
}

export type FetchLike = (url: string) => Promise<FetchResponseLike>;

/** Time source. Injected so tests control time instead of patching globals. */
export interface Clock {
  /** Milliseconds, monotonic. */
  now(): number;
  sleep(ms: number): Promise<void>;
}
