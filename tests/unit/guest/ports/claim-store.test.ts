import { describe, expect, it } from 'vitest';
import { claimName, openClaimStore } from '../../../../src/guest/ports/claim-store.ts';
import { MemoryStateDir } from '../support/memory-state-dir.ts';

describe('claim names', () => {
  it.each([
    ['wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=', 'k-wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA='],
    ['wamid.ab/cd+ef:delivered', 'k-wamid.ab~2Fcd~2Bef~3Adelivered'],
    ['é~', 'k-~C3~A9~7E'],
  ])('%s → %s', (key, name) => {
    expect(claimName(key)).toBe(name);
  });

  it('names a key too long for a file name by its SHA-256 digest', async () => {
    expect(await claimName('x'.repeat(300))).toMatch(/^h-[0-9a-f]{64}$/);
    expect(await claimName('/'.repeat(80))).toMatch(/^h-[0-9a-f]{64}$/);
  });
});

describe('the claim store', () => {
  it('gives a claim to the first claimant, again to it, and to no one else', async () => {
    const state = new MemoryStateDir();
    const claims = openClaimStore(state);
    const [name] = await claims.names(['wamid.1']);
    expect(claims.claim(name!, 'J1:0')).toBe(true);
    expect(claims.claim(name!, 'J1:0')).toBe(true);
    expect(claims.claim(name!, 'J2:3')).toBe(false);
    // An earlier version's claim: a directory, which no one can read as theirs.
    state.ensureDirectory('asterai-whatsapp-claims/k-wamid.2');
    expect(claims.claim('k-wamid.2', 'J1:1')).toBe(false);
  });
});
