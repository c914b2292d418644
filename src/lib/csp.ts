// The Content-Security-Policy of the app, one string for the server (server/static.ts),
// the dev/preview servers (vite.config.ts) and the service worker (cached responses).
//
// Every source that is not 'self', and why:
// - script-src 'wasm-unsafe-eval': compiling WebAssembly (automerge, the quantum kernel,
//   onnxruntime-web). It allows wasm compilation only, not eval() of JavaScript.
// - script-src blob:: measured, needed. With threads (cross-origin isolated), onnxruntime-web
//   fetches its wasm factory (ort-wasm-simd-threaded.mjs) and import()s it from a blob: URL;
//   without blob: the language model never loads (the Assistant falls back to keyword rules).
//   A blob: URL can only be made by script already running in this origin, so injected markup
//   still cannot run script ('unsafe-inline' stays off; e2e/csp.spec.ts checks it).
// - worker-src blob:: onnxruntime-web may start its wasm proxy/thread workers from blob: URLs.
// - connect-src ws: wss:: the signaling server is this origin's /signal by default, but the
//   user may name another one (Sync settings accepts any ws:// or wss:// address).
// - connect-src https:: the model Hub is user-configurable (Settings, "Download models from":
//   https://huggingface.co by default, or any mirror of it), and huggingface.co itself redirects
//   file downloads to CDN hosts (cdn-lfs*.hf.co, cas-bridge.xethub.hf.co ...). Downloads are
//   checked against a pinned SHA-256, so the host is not what makes them trustworthy. Only
//   fetch/WebSocket are opened this way: scripts, styles, frames and images stay 'self'.
// - connect-src http://127.0.0.1:* http://localhost:*: a Hub mirror on this machine
//   (plain HTTP on loopback only; e2e/models.spec.ts serves its fake Hub that way).
// - img-src data:: the sync link's QR code is a data: URL image. img-src blob: is allowed for
//   images made in the page; none is today (downloads are blob: links, which img-src does not
//   govern), so it could be dropped.
// - style-src 'unsafe-inline': Svelte writes style="" attributes and style: directives, and
//   uPlot sets element styles. Measured: "style-src 'self'; style-src-attr 'unsafe-inline'"
//   gave no violation on a tour of all six sections (no code here inserts <style> elements),
//   so it is the likely next tightening, but the whole e2e suite has only been run with this one.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval' blob:",
  "worker-src 'self' blob:",
  "connect-src 'self' ws: wss: https: http://127.0.0.1:* http://localhost:*",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "manifest-src 'self'",
].join('; ');
