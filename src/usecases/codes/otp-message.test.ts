import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type CodePurpose, otpSmsText } from './otp-message.ts';

const GSM7 = /^[A-Za-z0-9 @£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ!"#¤%&'()*+,\-./:;<=>?¡ÄÖÑÜ§¿äöñüà\n\r]*$/;
const PURPOSES: CodePurpose[] = ['registration', 'recovery', 'step_up'];
const WHAT_FOR: Record<CodePurpose, RegExp> = {
  registration: /DANG KY tai khoan/,
  recovery: /DAT LAI MAT KHAU/,
  step_up: /XAC NHAN DANG NHAP/,
};

describe('OTP SMS text', () => {
  for (const purpose of PURPOSES) {
    it(`${purpose}: one GSM-7 SMS naming the portal, what for, the code, how long, and not to share it`, () => {
      const text = otpSmsText({ purpose, portalName: 'DVCQG', code: '042917', validMinutes: 5 });
      assert.match(text, GSM7);
      assert.match(text, /^DVCQG: /);
      assert.match(text, WHAT_FOR[purpose]);
      assert.match(text, /Ma xac thuc 042917 /);
      assert.match(text, /hieu luc 5 phut/);
      assert.match(text, /KHONG cung cap ma cho bat ky ai/);
      for (const other of PURPOSES.filter((p) => p !== purpose)) assert.doesNotMatch(text, WHAT_FOR[other]);
    });

    it(`${purpose}: still one SMS with a 10-character portal name and a two-digit lifetime`, () => {
      const text = otpSmsText({ purpose, portalName: 'DichVuCong', code: '042917', validMinutes: 15 });
      assert.ok(text.length <= 160, `${text.length} characters: ${text}`);
    });
  }

  it('tells the citizen who did not ask for a recovery code to ignore it', () => {
    const text = otpSmsText({ purpose: 'recovery', portalName: 'DVCQG', code: '042917', validMinutes: 5 });
    assert.match(text, /Khong phai ban yeu cau\? Bo qua tin nay\./);
  });
});
