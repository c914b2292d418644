// Service worker registration (workbox-window through vite-plugin-pwa), the update
// prompt, the first-time "Ready to work offline" notice and the install button.

import { registerSW } from 'virtual:pwa-register';
import { showToast } from '../lib/toasts.svelte.ts';

interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

export const pwa = $state({ canInstall: false });
let installEvent: BeforeInstallPromptEvent | null = null;

export function startPwa(): void {
  window.addEventListener('beforeinstallprompt', (event) => {
    event.preventDefault(); // we show our own Install button instead of the mini-infobar
    installEvent = event as BeforeInstallPromptEvent;
    pwa.canInstall = true;
  });
  window.addEventListener('appinstalled', () => {
    installEvent = null;
    pwa.canInstall = false;
  });

  if (!('serviceWorker' in navigator)) return;
  const updateSW = registerSW({
    onNeedRefresh() {
      showToast('New version available', { timeoutMs: 0, action: { label: 'Reload', run: () => void updateSW(true) } });
    },
    onOfflineReady() {
      showToast('Ready to work offline', { timeoutMs: 8000 });
    },
  });
}

export async function install(): Promise<void> {
  if (!installEvent) return;
  await installEvent.prompt();
  await installEvent.userChoice;
  installEvent = null;
  pwa.canInstall = false;
}
