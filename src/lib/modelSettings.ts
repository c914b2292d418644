// Device-local model settings (localStorage: the worker receives them from the page).
import { BUILT_IN_EMBEDDING_MODEL } from '../../workers/inference/embed.ts';
import { HUB_URL } from '../../workers/inference/hub.ts';

function setting(key: string, fallback: string) {
  return {
    get: (): string => localStorage.getItem(key) || fallback,
    set: (value: string): void => localStorage.setItem(key, value),
  };
}

/** Which model embeds notes for memory and the router. */
export const embeddingModel = setting('jarvis.embeddingModel', BUILT_IN_EMBEDDING_MODEL);
/** Where "Download" fetches models from (the Hugging Face Hub, or a mirror of it). */
export const hubUrl = setting('jarvis.hubUrl', HUB_URL);
