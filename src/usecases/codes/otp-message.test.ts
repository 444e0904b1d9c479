import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { otpSmsText } from './otp-message.ts';

const GSM7 = /^[A-Za-z0-9 @£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ!"#¤%&'()*+,\-./:;<=>?¡ÄÖÑÜ§¿äöñüà\n\r]*$/;

describe('OTP SMS text', () => {
  it('fits one GSM-7 SMS and says what, which code, how long, and not to share it', () => {
    const text = otpSmsText({ portalName: 'DVCQG', code: '042917', validMinutes: 5 });
    assert.match(text, GSM7);
    assert.ok(text.length <= 160, `${text.length} characters`);
    assert.match(text, /042917/);
    assert.match(text, /DVCQG/);
    assert.match(text, /5 phut/);
    assert.match(text, /KHONG cung cap/);
  });
});
