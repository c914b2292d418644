// The voice settings' shape, defaults and parsing (pure: Node tests import it). The store
// the page uses is voiceSettings.svelte.ts. Defaults are the private ones: on-device
// recognition, nothing sent anywhere, no wake word.

export type VoiceEngine = 'on-device' | 'web-speech';

export interface VoiceSettings {
  engine: VoiceEngine;
  /** The user read that Web Speech sends audio to the browser vendor and agreed. */
  webSpeechConsent: boolean;
  /** BCP 47, for Web Speech and the spoken replies; on-device recognition follows it too. */
  language: string;
  speakReplies: boolean;
  /** A speechSynthesis voice's voiceURI; '' for the browser's default for the language. */
  voiceURI: string;
  /** 0.5–2. */
  rate: number;
  wakeWord: boolean;
  /** The user read that the wake-word models are CC BY-NC-SA 4.0 (non-commercial) and accepted. */
  wakeWordLicenceAccepted: boolean;
}

export const VOICE_SETTINGS_KEY = 'jarvis.voice';

export const DEFAULT_VOICE_SETTINGS: VoiceSettings = {
  engine: 'on-device',
  webSpeechConsent: false,
  language: 'en-US',
  speakReplies: false,
  voiceURI: '',
  rate: 1,
  wakeWord: false,
  wakeWordLicenceAccepted: false,
};

/** Languages offered in Settings: whisper-tiny knows them all, Web Speech too. */
export const VOICE_LANGUAGES: readonly { tag: string; label: string; whisper: string }[] = [
  { tag: 'en-US', label: 'English (US)', whisper: 'english' },
  { tag: 'en-GB', label: 'English (UK)', whisper: 'english' },
  { tag: 'de-DE', label: 'Deutsch', whisper: 'german' },
  { tag: 'fr-FR', label: 'Français', whisper: 'french' },
  { tag: 'es-ES', label: 'Español', whisper: 'spanish' },
  { tag: 'it-IT', label: 'Italiano', whisper: 'italian' },
  { tag: 'nl-NL', label: 'Nederlands', whisper: 'dutch' },
  { tag: 'pt-BR', label: 'Português (Brasil)', whisper: 'portuguese' },
];

/** Whisper's name for a BCP 47 tag ('english' when unknown: the command router is English). */
export function whisperLanguage(tag: string): string {
  return VOICE_LANGUAGES.find((l) => l.tag === tag)?.whisper ?? 'english';
}

/** Reads stored settings, keeping only well-typed fields (a damaged entry falls back to defaults). */
export function parseVoiceSettings(raw: string | null): VoiceSettings {
  const settings = { ...DEFAULT_VOICE_SETTINGS };
  if (!raw) return settings;
  let stored: Record<string, unknown>;
  try {
    stored = JSON.parse(raw) as Record<string, unknown>;
  } catch {
    return settings;
  }
  if (typeof stored !== 'object' || stored === null) return settings;
  if (stored.engine === 'on-device' || stored.engine === 'web-speech') settings.engine = stored.engine;
  for (const key of ['webSpeechConsent', 'speakReplies', 'wakeWord', 'wakeWordLicenceAccepted'] as const) {
    if (typeof stored[key] === 'boolean') settings[key] = stored[key];
  }
  if (typeof stored.language === 'string' && VOICE_LANGUAGES.some((l) => l.tag === stored.language)) settings.language = stored.language;
  if (typeof stored.voiceURI === 'string') settings.voiceURI = stored.voiceURI;
  if (typeof stored.rate === 'number' && stored.rate >= 0.5 && stored.rate <= 2) settings.rate = stored.rate;
  // Consent is part of choosing the engine, and the licence part of turning the wake word on.
  if (settings.engine === 'web-speech' && !settings.webSpeechConsent) settings.engine = 'on-device';
  if (settings.wakeWord && !settings.wakeWordLicenceAccepted) settings.wakeWord = false;
  return settings;
}

