import { describe, expect, it } from 'vitest';
import { looksLikeToken, newDeviceToken, tokenHash } from './device-token.js';
import { hashPassword, randomPassword, verifyPassword } from './password.js';

describe('passwords and device tokens', () => {
  it('hashes passwords with scrypt and a random salt, and verifies them (Unicode-normalised)', async () => {
    const a = await hashPassword('Mot de passe très long');
    const b = await hashPassword('Mot de passe très long');
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('Mot de passe très long', a)).toBe(true);
    // The same text typed with a combining accent.
    expect(await verifyPassword('Mot de passe tre\u0300s long', a)).toBe(true);
    expect(await verifyPassword('mot de passe très long', a)).toBe(false);
    expect(await verifyPassword('x', 'plain')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$0$8$1$AA==$AA==')).toBe(false);
    expect(randomPassword()).toMatch(/^[A-Za-z0-9_-]{24}$/);
  });

  it('issues 32-byte tokens, recognisable by their prefix, stored only as their SHA-256', () => {
    const t = newDeviceToken();
    expect(t).toMatch(/^cc1_[A-Za-z0-9_-]{43}$/);
    expect(looksLikeToken(t)).toBe(true);
    expect(looksLikeToken(`${t}x`)).toBe(false);
    expect(tokenHash(t)).toMatch(/^[0-9a-f]{64}$/);
    expect(tokenHash(t)).not.toBe(tokenHash(newDeviceToken()));
  });
});
