import { describe, expect, it, vi } from 'vitest';
import { metaSignature } from '../../../../src/emulator/webhooks/signature.ts';
import { hmacSha256 } from '../../../../src/guest/ports/hmac.ts';

function hex(secret: string, data: Uint8Array): string {
  return metaSignature(data, secret).slice('sha256='.length);
}

describe('hmacSha256 (the port)', () => {
  it('keeps the key of the secret it last saw, and imports another when the secret changes', async () => {
    const imports = vi.spyOn(crypto.subtle, 'importKey');
    const bytes = new TextEncoder().encode('payload');
    for (const secret of ['first-secret', 'first-secret', 'first-secret', 'second-secret', 'first-secret']) {
      expect(Buffer.from(await hmacSha256(secret, bytes)).toString('hex')).toBe(hex(secret, bytes));
    }
    expect(imports).toHaveBeenCalledTimes(3);
    imports.mockRestore();
  });
});
