import {
  decryptTotpSecret,
  encryptTotpSecret,
  newRecoveryCodes,
  recoveryCodeHash,
  totpKey,
} from './totp-secrets';

describe('TOTP secrets at rest', () => {
  const key = totpKey('a-key-of-at-least-thirty-two-bytes-long');
  const user = '6b1d6f0e-2a6a-4b8e-9d58-2f1c6b7e1a11';

  it('round-trips, with a fresh IV each time', () => {
    const a = encryptTotpSecret(key, user, 'JBSWY3DPEHPK3PXP');
    const b = encryptTotpSecret(key, user, 'JBSWY3DPEHPK3PXP');
    expect(a).not.toBe(b);
    expect(a).not.toContain('JBSWY3DPEHPK3PXP');
    expect(decryptTotpSecret(key, user, a)).toBe('JBSWY3DPEHPK3PXP');
  });

  it('refuses another key, another user, and any changed byte', () => {
    const sealed = encryptTotpSecret(key, user, 'JBSWY3DPEHPK3PXP');
    expect(decryptTotpSecret(totpKey('another-key-of-at-least-thirty-two-bytes'), user, sealed)).toBeNull();
    expect(decryptTotpSecret(key, '00000000-0000-4000-8000-000000000000', sealed)).toBeNull();
    const parts = sealed.split('.');
    const data = Buffer.from(parts[3], 'base64url');
    data[0] ^= 1;
    expect(
      decryptTotpSecret(key, user, [...parts.slice(0, 3), data.toString('base64url')].join('.')),
    ).toBeNull();
    expect(decryptTotpSecret(key, user, 'not-sealed')).toBeNull();
  });

  it('makes ten distinct recovery codes of 16 characters, compared without case and dashes', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    expect(recoveryCodeHash(codes[0].toUpperCase().replace(/-/g, ' '))).toBe(recoveryCodeHash(codes[0]));
    expect(recoveryCodeHash(codes[0])).not.toBe(recoveryCodeHash(codes[1]));
  });
});
