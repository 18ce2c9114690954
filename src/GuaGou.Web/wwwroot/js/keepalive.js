// Inside a circuit a page makes no HTTP requests, so the sign-in cookie (30 minutes without a request) would expire
// while the user works. While the user is active — a click or a key — ask the server at most every 5 minutes; the
// answer renews the cookie (sliding expiration). An idle user is not kept signed in.
const interval = 5 * 60 * 1000;
let last = 0;
function ping() {
  const now = Date.now();
  if (now - last < interval) {
    return;
  }
  last = now;
  fetch('/account/keepalive', { credentials: 'same-origin', cache: 'no-store' }).catch(() => { /* offline: the reconnect message says so */ });
}
document.addEventListener('click', ping, { passive: true });
document.addEventListener('keydown', ping, { passive: true });
