// Voice settings (this device only, localStorage): which engine hears the user, whether
// replies are spoken and how, and the opt-in wake word. Shape and parsing: voiceSettingsSchema.ts.
import { DEFAULT_VOICE_SETTINGS, parseVoiceSettings, VOICE_SETTINGS_KEY, type VoiceSettings } from './voiceSettingsSchema.ts';

export { VOICE_LANGUAGES, whisperLanguage, type VoiceEngine, type VoiceSettings } from './voiceSettingsSchema.ts';

function load(): VoiceSettings {
  try {
    return parseVoiceSettings(localStorage.getItem(VOICE_SETTINGS_KEY));
  } catch {
    return { ...DEFAULT_VOICE_SETTINGS };
  }
}

export const voiceSettings: VoiceSettings = $state(typeof localStorage === 'undefined' ? { ...DEFAULT_VOICE_SETTINGS } : load());

export function updateVoiceSettings(change: Partial<VoiceSettings>): void {
  Object.assign(voiceSettings, change);
  try {
    localStorage.setItem(VOICE_SETTINGS_KEY, JSON.stringify($state.snapshot(voiceSettings)));
  } catch {
    // Private mode or a full disk: the setting holds for this visit.
  }
}
