import { describe, expect, it } from 'vitest';
import { DEFAULT_VOICE_SETTINGS, parseVoiceSettings, whisperLanguage } from '../../../src/features/voice/voiceSettingsSchema.ts';
import { pickVoice } from '../../../src/features/voice/spokenReplies.ts';

describe('voice settings', () => {
  it('default to the private choices: on-device, silent, no wake word', () => {
    expect(parseVoiceSettings(null)).toEqual(DEFAULT_VOICE_SETTINGS);
    expect(DEFAULT_VOICE_SETTINGS).toMatchObject({ engine: 'on-device', webSpeechConsent: false, speakReplies: false, wakeWord: false });
  });

  it('keep well-typed stored fields and drop damaged ones', () => {
    const stored = JSON.stringify({ engine: 'web-speech', webSpeechConsent: true, language: 'de-DE', rate: 1.5, speakReplies: 'yes', voiceURI: 7 });
    expect(parseVoiceSettings(stored)).toEqual({ ...DEFAULT_VOICE_SETTINGS, engine: 'web-speech', webSpeechConsent: true, language: 'de-DE', rate: 1.5 });
    expect(parseVoiceSettings('{not json')).toEqual(DEFAULT_VOICE_SETTINGS);
    expect(parseVoiceSettings('null')).toEqual(DEFAULT_VOICE_SETTINGS);
    expect(parseVoiceSettings(JSON.stringify({ rate: 9, language: 'xx-YY' }))).toEqual(DEFAULT_VOICE_SETTINGS);
  });

  it('never choose Web Speech without consent, nor the wake word without its licence', () => {
    expect(parseVoiceSettings(JSON.stringify({ engine: 'web-speech' })).engine).toBe('on-device');
    expect(parseVoiceSettings(JSON.stringify({ wakeWord: true })).wakeWord).toBe(false);
    expect(parseVoiceSettings(JSON.stringify({ wakeWord: true, wakeWordLicenceAccepted: true })).wakeWord).toBe(true);
  });

  it('map languages to whisper names, English when unknown', () => {
    expect(whisperLanguage('de-DE')).toBe('german');
    expect(whisperLanguage('en-GB')).toBe('english');
    expect(whisperLanguage('tlh')).toBe('english');
  });
});

describe('pickVoice', () => {
  const voice = (voiceURI: string, lang: string, isDefault = false) => ({ voiceURI, lang, default: isDefault, name: voiceURI, localService: true }) as SpeechSynthesisVoice;
  const voices = [voice('de', 'de-DE', true), voice('gb', 'en-GB'), voice('us', 'en-US')];

  it('takes the chosen voice, else one for the language, else the default', () => {
    expect(pickVoice(voices, 'gb', 'en-US')?.voiceURI).toBe('gb');
    expect(pickVoice(voices, '', 'en-US')?.voiceURI).toBe('us');
    expect(pickVoice(voices, 'gone', 'en-AU')?.voiceURI).toBe('gb');
    expect(pickVoice(voices, '', 'fr-FR')?.voiceURI).toBe('de');
  });

  it('answers null when the browser has no voice (replies stay silent)', () => {
    expect(pickVoice([], '', 'en-US')).toBeNull();
  });
});
