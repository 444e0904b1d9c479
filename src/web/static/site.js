// Progressive enhancement only: every page works without this file. Live countdowns, the password
// checklist and strength meter, and show/hide buttons for password fields.
(() => {
  const text = (seconds) => {
    const s = Math.max(0, seconds);
    return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
  };

  // After a failed submit, screen readers and keyboards start at the list of what to fix.
  const summary = document.querySelector('.error-summary');
  if (summary) summary.focus();

  // Countdowns: the server writes the seconds left; we count down from there (no clock skew). At 0 the
  // sentence around a countdown becomes the one the server would write then ("you can ask ... now").
  const started = Date.now();
  const countdowns = [...document.querySelectorAll('[data-countdown]')];
  const waiting = [...document.querySelectorAll('[data-enable-after]')];
  for (const button of waiting) if (Number(button.dataset.enableAfter) > 0) button.disabled = true;
  if (countdowns.length || waiting.length) {
    const tick = () => {
      const elapsed = Math.floor((Date.now() - started) / 1000);
      for (const el of countdowns) {
        const left = Number(el.dataset.countdown) - elapsed;
        const sentence = el.closest('[data-countdown-done]');
        if (left <= 0 && sentence) sentence.textContent = sentence.dataset.countdownDone;
        else el.textContent = text(left);
      }
      for (const button of waiting) button.disabled = Number(button.dataset.enableAfter) - elapsed > 0;
    };
    tick();
    setInterval(tick, 1000);
  }

  // Show/hide buttons next to password fields.
  for (const button of document.querySelectorAll('[data-toggle-password]')) {
    const input = document.getElementById(button.dataset.togglePassword);
    if (!input) continue;
    button.hidden = false;
    button.setAttribute('aria-pressed', 'false');
    button.addEventListener('click', () => {
      const show = input.type === 'password';
      input.type = show ? 'text' : 'password';
      button.textContent = show ? button.dataset.hide : button.dataset.show;
      button.setAttribute('aria-pressed', String(show));
    });
  }

  // The password checklist and strength meter. The server decides; this only helps while typing.
  const RULES = {
    length: (p) => p.length >= 8 && p.length <= 128,
    upper: (p) => /\p{Lu}/u.test(p),
    lower: (p) => /\p{Ll}/u.test(p),
    digit: (p) => /\p{Nd}/u.test(p),
    special: (p) => /[^\p{L}\p{N}\s]/u.test(p),
  };
  const COMMON = /(123456|654321|password|matkhau|qwerty|abc123|iloveyou|111111|000000|admin)/i;

  // The rules only the server can check (common passwords: the list stays there; personal data: the
  // journey's own) are asked of it when the citizen pauses. Until it answers, or when it cannot (offline,
  // limited), they keep saying they are checked on continuing: never a tick the server did not give.
  const askServer = (list, onAnswer) => {
    let journey = {};
    try {
      journey = JSON.parse(list.dataset.checkJourney || '{}');
    } catch {}
    let timer;
    let pending;
    return (password) => {
      clearTimeout(timer);
      if (pending) pending.abort();
      if (!password || !list.dataset.checkUrl) return onAnswer(undefined);
      timer = setTimeout(() => {
        const controller = new AbortController();
        pending = controller;
        fetch(list.dataset.checkUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ ...journey, password }),
          credentials: 'same-origin',
          signal: controller.signal,
        })
          .then((response) => (response.ok ? response.json() : undefined))
          .then(
            (answer) => controller === pending && onAnswer(answer),
            () => controller === pending && onAnswer(undefined),
          );
      }, 300);
    };
  };

  for (const list of document.querySelectorAll('[data-rules-for]')) {
    const input = document.getElementById(list.dataset.rulesFor);
    const meter = document.querySelector(`[data-strength-for="${list.dataset.rulesFor}"]`);
    const status = list.parentElement.querySelector('[data-rules-status]');
    if (!input) continue;
    if (meter) meter.hidden = false;
    const levels = meter ? meter.dataset.levels.split('|') : [];
    const items = [...list.querySelectorAll('[data-rule]')];
    const serverItems = items.filter((item) => !RULES[item.dataset.rule]);
    let serverFailures = new Set();

    const showServerAnswer = (answer) => {
      serverFailures = new Set(answer ? answer.failures.map((failure) => failure.code) : []);
      const unmetMessages = [];
      for (const item of serverItems) {
        const unmet = item.dataset.codes.split(' ').some((code) => serverFailures.has(code));
        item.classList.toggle('rule-met', Boolean(answer) && !unmet);
        item.classList.toggle('rule-unmet', Boolean(answer) && unmet);
        const note = item.querySelector('[data-rule-note]');
        if (note) note.hidden = Boolean(answer);
        if (unmet) {
          for (const failure of answer.failures)
            if (item.dataset.codes.split(' ').includes(failure.code)) unmetMessages.push(failure.message);
        }
      }
      const said = unmetMessages.join(' ');
      if (status && status.textContent !== said) status.textContent = said;
      updateMeter();
    };
    const check = askServer(list, showServerAnswer);

    const updateMeter = () => {
      if (!meter) return;
      const p = input.value;
      const met = Object.values(RULES).filter((rule) => rule(p)).length;
      const variety = new Set(p).size;
      let score = met === 5 ? (p.length >= 14 ? 4 : p.length >= 11 ? 3 : 2) : met >= 3 ? 1 : 0;
      if (COMMON.test(p) || variety < 5 || serverFailures.has('CONTAINS_PERSONAL_DATA'))
        score = Math.min(score, 1);
      if (serverFailures.has('TOO_COMMON')) score = 0;
      meter.querySelector('meter').value = score;
      meter.querySelector('[data-strength-label]').textContent = p ? levels[score] : '';
    };

    const update = () => {
      const p = input.value;
      for (const item of items) {
        const rule = RULES[item.dataset.rule];
        if (!rule) continue;
        item.classList.toggle('rule-met', rule(p) && p.length > 0);
        item.classList.remove('rule-unmet');
      }
      updateMeter();
      check(p);
    };
    input.addEventListener('input', update);
    // A browser that refills the field (back button, password manager) gets the same checks.
    if (input.value) update();
  }
})();
