// Progressive enhancement of the portal's comment form: without this script the form posts and the server answers with a
// page; with it the comment goes as JSON and the answer appears in place. Served as a file because the portal's CSP allows
// no inline script.
(() => {
  const form = document.querySelector('form.comment');
  if (!form) return;
  const status = document.getElementById('comment-status');
  const button = form.querySelector('button[type=submit]');
  const show = (text, ok) => {
    status.textContent = text;
    status.className = `status ${ok ? 'ok' : 'error'}`;
  };
  // Server messages read "中文 / English"; the portal is in Chinese.
  const chinese = (message) => String(message || '').split(' / ')[0];
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(form).entries());
    button.disabled = true;
    show(form.dataset.sending, true);
    try {
      const res = await fetch(form.action, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(data),
        credentials: 'omit',
      });
      if (res.status === 201) {
        form.querySelector('textarea').value = '';
        const sent = await res.json().catch(() => ({}));
        if (sent.receipt && sent.statusUrl) {
          // Issue 15: the receipt's page shows it to save (and says whether it was also sent).
          window.location.assign(`${sent.statusUrl}?new=1${sent.sentBy ? `&sent=${sent.sentBy}` : ''}`);
          return;
        }
        show(form.dataset.sent, true);
        return;
      }
      let message = form.dataset.failed;
      try {
        message = chinese((await res.json()).error.message) || message;
      } catch {
        // A body that is not JSON (a proxy's error page): keep the general message.
      }
      show(message, false);
    } catch {
      show(form.dataset.offline, false);
    } finally {
      button.disabled = false;
    }
  });
})();
