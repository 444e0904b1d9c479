// The certificate pages' module: talks to the local signing agent (a WebSocket over TLS on loopback, JSON
// messages { id, method, params } answered { id, result } or { id, error: { code, message, triesLeft? } }),
// lists the token's certificates, has the agent sign the hub's challenge with the PIN, shows the identity read
// from the chosen certificate, and hands the signed challenge to the page's ordinary form. The server does the
// verification; nothing here decides anything. The PIN goes to the agent only, never into the form.
const root = document.querySelector('[data-usb-token]');

if (root) {
  const $ = (selector) => root.querySelector(selector);
  const texts = $('[data-usb-texts]').dataset;
  const form = document.getElementById(root.dataset.form);
  const status = $('[data-usb-status]');
  const unreachable = $('[data-usb-unreachable]');
  const findButton = $('[data-usb-find]');
  const certificatesBox = $('[data-usb-certificates]');
  const list = $('[data-usb-list]');
  const pinStep = $('[data-usb-pin-step]');
  const pinInput = $('#usb-pin');
  const signButton = $('[data-usb-sign]');
  const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ''));
  const day = (iso) => {
    const date = new Date(iso);
    return Number.isNaN(date.getTime())
      ? iso
      : date.toLocaleDateString(root.dataset.lang === 'en' ? 'en-GB' : 'vi-VN', {
          timeZone: 'Asia/Ho_Chi_Minh',
        });
  };
  /** "CCCD:001…" or "MST:010…": the number after the prefix. */
  const numberOf = (uid) => String(uid ?? '').replace(/^[A-Z]+:/, '');

  for (const hint of document.querySelectorAll('[data-usb-nojs]')) hint.hidden = true;
  root.hidden = false;

  const say = (message, tone) => {
    status.hidden = !message;
    status.className = `notice notice-${tone ?? 'info'}`;
    status.setAttribute('role', tone === 'warning' ? 'alert' : 'status');
    status.textContent = message ?? '';
  };

  // One connection, opened on demand; requests matched to answers by id.
  let socket;
  let nextId = 1;
  const pending = new Map();
  const connect = () =>
    new Promise((resolve, reject) => {
      if (socket && socket.readyState === WebSocket.OPEN) return resolve(socket);
      let opened = false;
      const ws = new WebSocket(root.dataset.agentUrl);
      ws.addEventListener('open', () => {
        opened = true;
        socket = ws;
        resolve(ws);
      });
      ws.addEventListener('message', (event) => {
        let answer;
        try {
          answer = JSON.parse(event.data);
        } catch {
          return;
        }
        const waiting = pending.get(answer.id);
        if (!waiting) return;
        pending.delete(answer.id);
        if (answer.error) waiting.reject(answer.error);
        else waiting.resolve(answer.result);
      });
      const lost = () => {
        if (socket === ws) socket = undefined;
        for (const waiting of pending.values()) waiting.reject({ code: 'AGENT_UNREACHABLE' });
        pending.clear();
        if (!opened) reject({ code: 'AGENT_UNREACHABLE' });
      };
      ws.addEventListener('error', lost);
      ws.addEventListener('close', lost);
    });
  const call = async (method, params = {}) => {
    const ws = await connect();
    const id = String(nextId++);
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      ws.send(JSON.stringify({ id, method, params }));
    });
  };

  const explain = (error) => {
    unreachable.hidden = error?.code !== 'AGENT_UNREACHABLE';
    switch (error?.code) {
      case 'AGENT_UNREACHABLE':
        return say(texts.agentUnreachable, 'warning');
      case 'TOKEN_NOT_PRESENT':
        return say(texts.tokenAbsent, 'warning');
      case 'CERTIFICATE_NOT_FOUND':
        return say(texts.certificateNotFound, 'warning');
      case 'PIN_INCORRECT':
        return say(fill(texts.pinIncorrect, { triesLeft: error.triesLeft ?? '?' }), 'warning');
      case 'PIN_LOCKED':
        return say(texts.pinLocked, 'warning');
      case 'CHALLENGE_FAILED':
        return say(texts.challengeFailed, 'warning');
      default:
        return say(texts.agentError, 'warning');
    }
  };

  let certificates = [];

  const showCertificates = () => {
    list.replaceChildren(
      ...certificates.map((certificate, index) => {
        const row = document.createElement('div');
        row.className = 'checkbox';
        const input = document.createElement('input');
        input.type = 'radio';
        input.name = 'usb-certificate';
        input.id = `usb-certificate-${index}`;
        input.value = certificate.certificateId;
        input.checked = certificates.length === 1;
        const label = document.createElement('label');
        label.htmlFor = input.id;
        const name = document.createElement('strong');
        name.textContent = `${certificate.subjectCN} (${numberOf(certificate.uid)})`;
        const detail = document.createElement('span');
        detail.textContent = fill(texts.issuedBy, {
          issuer: certificate.issuerCN,
          validUntil: day(certificate.notAfter),
        });
        label.append(name, document.createElement('br'), detail);
        row.append(input, label);
        return row;
      }),
    );
    certificatesBox.hidden = certificates.length === 0;
    pinStep.hidden = certificates.length === 0;
  };

  const find = async () => {
    findButton.disabled = true;
    unreachable.hidden = true;
    say(texts.connecting);
    try {
      const info = await call('getInfo');
      if (!info.tokenPresent) throw { code: 'TOKEN_NOT_PRESENT' };
      certificates = await call('listCertificates');
      showCertificates();
      if (certificates.length === 0) say(texts.noCertificates, 'warning');
      else say('');
    } catch (error) {
      certificates = [];
      showCertificates();
      explain(error);
    } finally {
      findButton.disabled = false;
      findButton.textContent = findButton.dataset.again;
    }
  };

  const challenge = async () => {
    try {
      const response = await fetch(root.dataset.challengeUrl, {
        method: 'POST',
        headers: { accept: 'application/json' },
        credentials: 'same-origin',
      });
      if (response.status !== 201) throw new Error(String(response.status));
      return await response.json();
    } catch {
      throw { code: 'CHALLENGE_FAILED' };
    }
  };

  const showIdentity = (certificate) => {
    const identity = form.querySelector('[data-usb-identity]');
    form.querySelector('[data-usb-name]').textContent = certificate.subjectCN;
    form.querySelector('[data-usb-uid]').textContent = numberOf(certificate.uid);
    form.querySelector('[data-usb-issuer]').textContent = certificate.issuerCN;
    form.querySelector('[data-usb-valid-until]').textContent = day(certificate.notAfter);
    identity.hidden = false;
    form.hidden = false;
    identity.querySelector('h2').focus();
  };

  const sign = async () => {
    const chosen = list.querySelector('input[name="usb-certificate"]:checked');
    const certificate = certificates.find((c) => c.certificateId === chosen?.value);
    if (!certificate) return say(texts.chooseRequired, 'warning');
    if (!pinInput.value) {
      pinInput.focus();
      return say(texts.pinRequired, 'warning');
    }
    signButton.disabled = true;
    say(texts.signing);
    try {
      const { challengeId, nonce } = await challenge();
      const { signedData } = await call('signCms', {
        certificateId: certificate.certificateId,
        pin: pinInput.value,
        data: nonce,
      });
      pinInput.value = '';
      form.querySelector('[data-usb-challenge-id]').value = challengeId;
      form.querySelector('[data-usb-signed-data]').value = signedData;
      say(texts.signed, 'success');
      showIdentity(certificate);
    } catch (error) {
      if (error?.code !== 'PIN_INCORRECT') pinInput.value = '';
      explain(error);
      if (error?.code === 'PIN_INCORRECT') pinInput.select();
    } finally {
      signButton.disabled = false;
    }
  };

  findButton.addEventListener('click', find);
  signButton.addEventListener('click', sign);
  // Enter in the PIN field signs, as a form would.
  pinInput.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      sign();
    }
  });
  find();
}
