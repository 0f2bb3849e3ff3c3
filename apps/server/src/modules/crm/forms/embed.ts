import type { Form } from './forms.schemas.js';
import { HONEYPOT_KEY } from './forms.schemas.js';

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function control(f: Form['fields'][number], id: string) {
  const req = f.required ? ' required' : '';
  const name = `name="${esc(f.key)}" id="${id}"`;
  switch (f.type) {
    case 'textarea':
      return `<textarea ${name} rows="4"${req}></textarea>`;
    case 'select':
      return `<select ${name}${req}><option value=""></option>${f.options
        .map((o) => `<option value="${esc(o)}">${esc(o)}</option>`)
        .join('')}</select>`;
    case 'checkbox':
      return `<input type="checkbox" ${name} value="true"${req}>`;
    default: {
      const type = f.type === 'email' ? 'email' : f.type === 'phone' ? 'tel' : 'text';
      return `<input type="${type}" ${name}${req}>`;
    }
  }
}

/**
 * A plain HTML form that posts to the public submit endpoint, plus a tiny inline script that sends
 * it (url-encoded, so no CORS preflight) with the page's address and shows the thank-you message. No external resources; the
 * form also works without the script (the browser posts it url-encoded).
 */
export function embedSnippet(form: Form, origin: string): string {
  const action = `${origin}${form.submitUrl}`;
  const fid = `bzf-${form.id.slice(-12)}`;
  const rows = form.fields.map((f, i) => {
    const id = `${fid}-${i}`;
    return `  <p><label for="${id}">${esc(f.label)}${f.required ? ' *' : ''}</label><br>${control(f, id)}</p>`;
  });
  if (form.consentText)
    rows.push(
      `  <p><label><input type="checkbox" name="consent" value="true" required> ${esc(form.consentText)}</label></p>`,
    );
  return `<form id="${fid}" action="${esc(action)}" method="post">
${rows.join('\n')}
  <div style="position:absolute;left:-10000px" aria-hidden="true"><input type="text" name="${HONEYPOT_KEY}" tabindex="-1" autocomplete="off"></div>
  <input type="hidden" name="page_url" value="">
  <p><button type="submit">Send</button></p>
  <p class="bzf-message" role="status"></p>
</form>
<script>
(function () {
  var f = document.getElementById(${JSON.stringify(fid)});
  f.page_url.value = location.href;
  f.addEventListener('submit', function (e) {
    e.preventDefault();
    var out = f.querySelector('.bzf-message');
    // url-encoded: a simple cross-origin request, no preflight
    fetch(f.action, { method: 'POST', body: new URLSearchParams(new FormData(f)) })
      .then(function (r) { return r.json().then(function (b) { return { ok: r.ok, b: b }; }); })
      .then(function (r) {
        out.textContent = r.ok ? r.b.message : (r.b.detail || 'Something went wrong');
        if (r.ok) f.reset();
      })
      .catch(function () { out.textContent = 'Something went wrong'; });
  });
})();
</script>
`;
}
