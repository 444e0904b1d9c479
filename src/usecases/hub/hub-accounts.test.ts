import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { aCitizen, InMemoryAccounts, registrationDoubles } from '../../../test/support/registration-fakes.ts';
import { vouchedBy } from '../../domain/identity-claims.ts';
import { createHubAccounts } from './hub-accounts.ts';

describe('the accounts as the OpenID Provider sees them', () => {
  it('decrypts the account and its evidence into a claims subject whose sub is the account id, without its unverified email', async () => {
    const { protector } = registrationDoubles();
    const accounts = new InMemoryAccounts();
    const citizen = aCitizen();
    const id = randomUUID();
    accounts.insert({
      id,
      kind: 'citizen',
      subjectIndex: protector.blindIndex('id', citizen.idNumber),
      idNumberEnc: protector.encrypt(citizen.idNumber),
      fullNameEnc: protector.encrypt(citizen.fullName),
      birthDateEnc: protector.encrypt(citizen.birthDate),
      registrationMethod: 'mobile',
      phone: {
        index: protector.blindIndex('phone', citizen.phoneNumber),
        enc: protector.encrypt(citizen.phoneNumber),
      },
      // Declared, never verified: no part of what the provider may publish.
      email: {
        index: protector.blindIndex('email', 'hoa@example.vn'),
        enc: protector.encrypt('hoa@example.vn'),
      },
      claims: vouchedBy('CARRIER', 2, ['idNumber', 'fullName']),
      credential: { type: 'password', identifier: id, secret: 'hash' },
      createdAt: new Date(),
    });
    const hub = createHubAccounts({ accounts, protector });
    assert.deepEqual(await hub.subjectOf(id), {
      sub: id,
      kind: 'citizen',
      idNumber: citizen.idNumber,
      fullName: citizen.fullName,
      birthDate: citizen.birthDate,
      phoneNumber: citizen.phoneNumber,
      evidence: vouchedBy('CARRIER', 2, ['idNumber', 'fullName']),
    });
    assert.equal(await hub.subjectOf(randomUUID()), undefined, 'no such account');
    assert.equal(await hub.subjectOf('not-a-uuid'), undefined, 'never reaches the database');
  });
});
