// The Web Speech API engine (main thread: it exists nowhere else). Opt-in, because the
// browser sends the audio to its vendor's speech service. One utterance per call: interim
// text as it comes, the final text at the end.

/** The parts of SpeechRecognition used here (TypeScript's DOM types lack the class). */
interface Recognition extends EventTarget {
  lang: string;
  interimResults: boolean;
  continuous: boolean;
  maxAlternatives: number;
  start(): void;
  stop(): void;
  abort(): void;
}

type RecognitionClass = new () => Recognition;

function recognitionClass(): RecognitionClass | null {
  const w = globalThis as unknown as { SpeechRecognition?: RecognitionClass; webkitSpeechRecognition?: RecognitionClass };
  return w.SpeechRecognition ?? w.webkitSpeechRecognition ?? null;
}

export function webSpeechSupported(): boolean {
  return recognitionClass() !== null;
}

export type WebSpeechErrorCode = SpeechRecognitionErrorCode | 'unsupported';

/** Each error in plain words; the UI offers the on-device engine next to it. */
export function webSpeechMessage(code: WebSpeechErrorCode): string {
  switch (code) {
    case 'not-allowed':
    case 'service-not-allowed':
      return 'The browser did not allow speech recognition: microphone access was refused. Allow the microphone for this site in the browser’s settings, or use on-device recognition.';
    case 'audio-capture':
      return 'No microphone could be opened for speech recognition. Check that one is connected and not used by another app.';
    case 'network':
      return 'The browser’s speech service could not be reached (Web Speech needs the internet). On-device recognition works offline.';
    case 'no-speech':
      return 'I did not hear anything. Try again and speak after the tone, a little closer to the microphone.';
    case 'language-not-supported':
      return 'The browser’s speech service does not support the language chosen in Settings.';
    case 'unsupported':
      return 'This browser has no Web Speech recognition. On-device recognition works here.';
    case 'aborted':
      return 'Listening was stopped.';
    default:
      return `Speech recognition failed (${code}).`;
  }
}

export class WebSpeechError extends Error {
  constructor(readonly code: WebSpeechErrorCode) {
    super(webSpeechMessage(code));
    this.name = 'WebSpeechError';
  }
}

export interface WebSpeechSession {
  /** The final text ('' when the user stopped before saying anything). */
  result: Promise<string>;
  /** Ends listening now; what was heard so far becomes the result. */
  stop(): void;
}

interface ResultEventLike extends Event {
  resultIndex: number;
  results: ArrayLike<{ isFinal: boolean; 0: { transcript: string } }>;
}

export function recognizeOnce(options: { language: string; onInterim: (text: string) => void }): WebSpeechSession {
  const Recognition = recognitionClass();
  if (!Recognition) return { result: Promise.reject(new WebSpeechError('unsupported')), stop() {} };
  const recognition = new Recognition();
  recognition.lang = options.language;
  recognition.interimResults = true;
  recognition.continuous = false;
  recognition.maxAlternatives = 1;

  let finalText = '';
  let interimText = '';
  let failure: WebSpeechError | null = null;
  let stoppedByUser = false;
  const result = new Promise<string>((resolve, reject) => {
    recognition.addEventListener('result', (event) => {
      const { results, resultIndex } = event as ResultEventLike;
      interimText = '';
      for (let i = resultIndex; i < results.length; i++) {
        const piece = results[i]!;
        if (piece.isFinal) finalText += piece[0].transcript;
        else interimText += piece[0].transcript;
      }
      options.onInterim((finalText + interimText).trim());
    });
    recognition.addEventListener('error', (event) => {
      const code = (event as Event & { error: SpeechRecognitionErrorCode }).error;
      // "aborted" after our own stop() is not a failure; "no-speech" is reported plainly.
      if (code === 'aborted' && stoppedByUser) return;
      failure = new WebSpeechError(code);
    });
    recognition.addEventListener('end', () => {
      const text = (finalText || (stoppedByUser ? interimText : '')).trim();
      if (failure && !text) reject(failure);
      else resolve(text);
    });
  });
  try {
    recognition.start();
  } catch (error) {
    return { result: Promise.reject(error instanceof Error ? error : new Error(String(error))), stop() {} };
  }
  return {
    result,
    stop() {
      stoppedByUser = true;
      recognition.stop();
    },
  };
}
