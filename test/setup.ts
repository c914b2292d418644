// Node stand-ins for browser parts: IndexedDB (fake-indexeddb) and Automerge's wasm from disk.
import 'fake-indexeddb/auto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { initializeWasm } from '@automerge/automerge-repo/slim';

const require = createRequire(import.meta.url);
await initializeWasm(await readFile(require.resolve('@automerge/automerge/automerge.wasm')));
