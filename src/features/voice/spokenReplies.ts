// Spoken replies through speechSynthesis (main thread: it exists nowhere else). Off when
// the browser has no voice at all; a new reply interrupts the one being spoken.
import type { VoiceSettings } from './voiceSettingsSchema.ts';

export function speechSynthesisSupported(): boolean {
  return typeof speechSynthesis !== 'undefined' && typeof SpeechSynthesisUtterance !== 'undefined';
}

/** The voices the browser has now (they may arrive late: listen with onVoicesChanged). */
export function availableVoices(): SpeechSynthesisVoice[] {
  return speechSynthesisSupported() ? speechSynthesis.getVoices() : [];
}

export function onVoicesChanged(listener: () => void): () => void {
  if (!speechSynthesisSupported()) return () => {};
  speechSynthesis.addEventListener('voiceschanged', listener);
  return () => speechSynthesis.removeEventListener('voiceschanged', listener);
}

/** The voice to use: the chosen one, else the first for the language, else the browser's default. */
export function pickVoice(voices: SpeechSynthesisVoice[], voiceURI: string, language: string): SpeechSynthesisVoice | null {
  const chosen = voices.find((v) => v.voiceURI === voiceURI);
  if (chosen) return chosen;
  const base = language.split('-')[0]!.toLowerCase();
  return voices.find((v) => v.lang === language && v.default) ?? voices.find((v) => v.lang === language) ?? voices.find((v) => v.lang.toLowerCase().startsWith(base)) ?? voices.find((v) => v.default) ?? voices[0] ?? null;
}

type SpeechPreferences = Pick<VoiceSettings, 'speakReplies' | 'voiceURI' | 'language' | 'rate'>;

/** Reads a reply aloud when the settings say so and a voice exists; returns whether it spoke. */
export function speakReply(text: string, preferences: SpeechPreferences): boolean {
  if (!preferences.speakReplies || !speechSynthesisSupported() || !text.trim()) return false;
  const voice = pickVoice(availableVoices(), preferences.voiceURI, preferences.language);
  if (!voice) return false;
  speechSynthesis.cancel();
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.voice = voice;
  utterance.lang = voice.lang;
  utterance.rate = preferences.rate;
  speechSynthesis.speak(utterance);
  return true;
}

export function stopSpeaking(): void {
  if (speechSynthesisSupported()) speechSynthesis.cancel();
}
