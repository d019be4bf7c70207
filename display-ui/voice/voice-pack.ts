/**
 * Voice pack loading: `<baseUrl>/<language>/manifest.json` maps clip ids to files in the same
 * folder. Each clip is fetched and decoded once and then cached for the life of the page.
 */
import type { AudioBufferLike, FetchLike } from './audio-types';

/** The manifest a pack folder carries; a hall's own recorded pack uses the same shape. */
export interface VoicePackManifest {
  readonly language: string;
  /** Clip id → file name relative to the manifest, e.g. `{ "qing": "qing.wav" }`. */
  readonly clips: Readonly<Record<string, string>>;
}

/**
 * Validates manifest JSON.
 * @throws TypeError when the shape is wrong, so a broken pack fails loudly at load.
 */
export function parseVoicePackManifest(json: unknown): VoicePackManifest {
  if (typeof json !== 'object' || json === null) throw new TypeError('voice pack manifest must be an object');
  const { language, clips } = json as { language?: unknown; clips?: unknown };
  if (typeof language !== 'string') throw new TypeError('voice pack manifest needs a "language" string');
  if (typeof clips !== 'object' || clips === null) throw new TypeError('voice pack manifest needs a "clips" object');
  const checked: Record<string, string> = {};
  for (const [id, file] of Object.entries(clips)) {
    if (typeof file !== 'string' || file.length === 0) throw new TypeError(`voice pack clip "${id}" needs a file name`);
    checked[id] = file;
  }
  return { language, clips: checked };
}

/** Loads and caches the clips of one language's pack. */
export class VoicePack {
  private manifest: Promise<VoicePackManifest> | null = null;
  private readonly buffers = new Map<string, Promise<AudioBufferLike>>();

  /**
   * @param folderUrl folder of this language's pack, e.g. "/voice/zh-CN" (no trailing slash).
   * @param decode turns file bytes into a buffer, usually `ctx.decodeAudioData`.
   */
  constructor(
    private readonly folderUrl: string,
    private readonly fetch: FetchLike,
    private readonly decode: (data: ArrayBuffer) => Promise<AudioBufferLike>,
  ) {}

  /** The parsed manifest (fetched once; a failed fetch is retried on the next call). */
  loadManifest(): Promise<VoicePackManifest> {
    this.manifest ??= this.fetchManifest().catch((error: unknown) => {
      this.manifest = null;
      throw error;
    });
    return this.manifest;
  }

  /** One decoded clip. A failure is not cached, so a clip that was briefly unreachable recovers. */
  loadClip(id: string): Promise<AudioBufferLike> {
    let buffer = this.buffers.get(id);
    if (buffer === undefined) {
      buffer = this.fetchClip(id).catch((error: unknown) => {
        this.buffers.delete(id);
        throw error;
      });
      this.buffers.set(id, buffer);
    }
    return buffer;
  }

  /** Decoded clips in order; rejects if any is missing so a phrase is never played with a hole. */
  loadClips(ids: readonly string[]): Promise<AudioBufferLike[]> {
    return Promise.all(ids.map((id) => this.loadClip(id)));
  }

  private async fetchManifest(): Promise<VoicePackManifest> {
    const url = `${this.folderUrl}/manifest.json`;
    const response = await this.fetch(url);
    if (!response.ok) throw new Error(`voice pack manifest ${url}: HTTP ${response.status}`);
    return parseVoicePackManifest(await response.json());
  }

  private async fetchClip(id: string): Promise<AudioBufferLike> {
    const manifest = await this.loadManifest();
    const file = manifest.clips[id];
    if (file === undefined) throw new Error(`voice pack ${this.folderUrl} has no clip "${id}"`);
    const url = `${this.folderUrl}/${file}`;
    const response = await this.fetch(url);
    if (!response.ok) throw new Error(`voice clip ${url}: HTTP ${response.status}`);
    return this.decode(await response.arrayBuffer());
  }
}
