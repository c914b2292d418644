// The battery policy as every worker sees it: the page's battery service posts the mode and
// its effects on a BroadcastChannel at every change. A worker that starts later asks for
// the current state by posting { type: 'request' }; the page answers with a 'policy' message.
// No DOM here: import it from any worker.
import { effects, isBatteryMode, type BatteryEffects, type BatteryMode } from './policy.ts';

export const BATTERY_CHANNEL = 'jarvis-battery';

export interface BatteryPolicyMessage {
  type: 'policy';
  mode: BatteryMode;
  effects: BatteryEffects;
}

export interface BatteryPolicyRequest {
  type: 'request';
}

export type BatteryChannelMessage = BatteryPolicyMessage | BatteryPolicyRequest;

export function isPolicyMessage(data: unknown): data is BatteryPolicyMessage {
  const message = data as Partial<BatteryPolicyMessage> | null;
  return typeof message === 'object' && message !== null && message.type === 'policy' && isBatteryMode(message.mode);
}

/**
 * Calls `onPolicy` with the current policy (as soon as the page answers) and at every change.
 * Until an answer arrives, assume normal. Returns a function that stops listening.
 */
export function watchBatteryPolicy(onPolicy: (mode: BatteryMode, effects: BatteryEffects) => void): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => {};
  const channel = new BroadcastChannel(BATTERY_CHANNEL);
  channel.onmessage = (event: MessageEvent) => {
    if (isPolicyMessage(event.data)) onPolicy(event.data.mode, { ...effects(event.data.mode), ...event.data.effects });
  };
  channel.postMessage({ type: 'request' } satisfies BatteryPolicyRequest);
  return () => channel.close();
}
