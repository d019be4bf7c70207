/**
 * Voice calling (语音叫号) for the hall display. The display page normally needs only
 * {@link createBrowserAnnouncer}; the rest is exported for tests and custom wiring.
 */
export {
  buildAnnouncement,
  buildAnnouncementText,
  buildSpeechText,
  CHIME_CLIP,
  VOICE_LANGUAGES,
  type BuildAnnouncementOptions,
  type CallToAnnounce,
  type VoiceLanguage,
} from './announcement';
export { Announcer } from './announcer';
export type * from './announcer-types';
export type * from './audio-types';
export { browserClock, createBrowserAnnouncer, type BrowserAnnouncerOptions } from './browser-announcer';
export { ClipPlayer, type ClipPlayerOptions } from './clip-player';
export { MAX_WINDOW_NUMBER } from './number-words';
export type { Player, Utterance } from './player';
export { findLocalVoice, SpeechPlayer, type SpeechPlayerOptions } from './speech-player';
export { parseVoicePackManifest, VoicePack, type VoicePackManifest } from './voice-pack';
