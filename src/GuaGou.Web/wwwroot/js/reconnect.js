// The reconnect message (ReconnectMessage.razor): blazor.web.js sets its classes and raises
// "components-reconnect-state-changed" on it. A circuit the server no longer knows (a restart) cannot resume:
// reload, and the user is back on the page they were on. "Retry" after a failed attempt reloads too.
const modal = document.getElementById('components-reconnect-modal');
if (modal) {
  modal.addEventListener('components-reconnect-state-changed', event => {
    const state = event.detail && event.detail.state;
    if (state === 'rejected' || state === 'resume-failed') {
      location.reload();
    }
  });
  document.getElementById('components-reconnect-retry')?.addEventListener('click', () => location.reload());
}
