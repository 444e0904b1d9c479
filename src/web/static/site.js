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

  // Countdowns: the server writes the seconds left; we count down from there (no clock skew).
  const started = Date.now();
  const countdowns = [...document.querySelectorAll('[data-countdown]')];
  const waiting = [...document.querySelectorAll('[data-enable-after]')];
  for (const button of waiting) if (Number(button.dataset.enableAfter) > 0) button.disabled = true;
  if (countdowns.length || waiting.length) {
    const tick = () => {
      const elapsed = Math.floor((Date.now() - started) / 1000);
      for (const el of countdowns) el.textContent = text(Number(el.dataset.countdown) - elapsed);
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
  for (const list of document.querySelectorAll('[data-rules-for]')) {
    const input = document.getElementById(list.dataset.rulesFor);
    const meter = document.querySelector(`[data-strength-for="${list.dataset.rulesFor}"]`);
    if (!input) continue;
    if (meter) meter.hidden = false;
    const levels = meter ? meter.dataset.levels.split('|') : [];
    const update = () => {
      const p = input.value;
      let met = 0;
      for (const item of list.querySelectorAll('[data-rule]')) {
        const check = RULES[item.dataset.rule];
        if (!check) continue;
        const ok = check(p);
        if (ok) met += 1;
        item.classList.toggle('rule-met', ok && p.length > 0);
        item.classList.remove('rule-unmet');
      }
      if (!meter) return;
      const variety = new Set(p).size;
      let score = met === 5 ? (p.length >= 14 ? 4 : p.length >= 11 ? 3 : 2) : met >= 3 ? 1 : 0;
      if (COMMON.test(p) || variety < 5) score = Math.min(score, 1);
      meter.querySelector('meter').value = score;
      meter.querySelector('[data-strength-label]').textContent = p ? levels[score] : '';
    };
    input.addEventListener('input', update);
  }
})();
