/// <reference lib="webworker" />
// The service worker: precaches the app shell (Workbox), serves it offline, and adds
// the cross-origin isolation headers and the CSP where a static host did not send them (SPEC §1).

import { clientsClaim } from 'workbox-core';
import { addPlugins, cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { withIsolationHeaders } from './lib/isolationHeaders.ts';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | { url: string; revision: string | null })[] };

addPlugins([{ cachedResponseWillBeUsed: async ({ cachedResponse }) => cachedResponse && withIsolationHeaders(cachedResponse) }]);
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// Any in-app URL opened offline gets the shell; the signaling socket and models never do.
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: [/^\/signal/, /^\/models\//] }));

// The page's "Reload" button (workbox-window) asks the waiting worker to take over.
self.addEventListener('message', (event) => {
  if (event.data?.type === 'SKIP_WAITING') void self.skipWaiting();
});

clientsClaim();
