import { mount } from 'svelte';
import './app/theme.css';
import App from './app/App.svelte';
import { startPwa } from './app/pwa.svelte.ts';
import { requestPersistentStorage } from './features/system/storage.ts';
import { data } from './lib/data.ts';
import { quantumWorker } from './lib/quantum.ts';
import { inference } from './lib/inference.svelte.ts';

mount(App, { target: document.getElementById('app')! });
startPwa();
void requestPersistentStorage(); // SPEC §2: ask the browser to keep our data; System shows the answer

// For the benchmark and end-to-end tests: the same API the UI uses, nothing more.
(globalThis as unknown as { __jarvis: unknown }).__jarvis = { data, quantum: () => quantumWorker.api(), inference };
