// Properties that must hold for every input, checked over generated inputs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { timingSafeEqual } from '../../../../src/guest/core/constant-time.ts';
import { classifyGraphResponse } from '../../../../src/guest/core/graph-error.ts';
import { redactSecrets } from '../../../../src/guest/core/redaction.ts';
import { parseComponentList } from '../../../../src/guest/core/settings.ts';
import { splitText } from '../../../../src/guest/core/text-split.ts';
import { answerVerification } from '../../../../src/guest/core/verification.ts';
import { eventKey } from '../../../../src/guest/core/webhook/events.ts';
import { parseWebhook } from '../../../../src/guest/core/webhook/parse.ts';
import { witJsonText } from '../../../../src/guest/core/wit-json.ts';

describe('parseWebhook', () => {
  it('never throws, and never returns two events with the same key', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const { events } = parseWebhook(value);
        const keys = events.map(eventKey);
        expect(new Set(keys).size).toBe(keys.length);
      }),
    );
  });

  it('never throws on payload-shaped values with arbitrary leaves', () => {
    const leaf = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant(undefined));
    const message = fc.record({
      id: fc.oneof(fc.string(), leaf),
      from: leaf,
      from_user_id: leaf,
      to: leaf,
      group_id: leaf,
      referral: leaf,
      type: fc.oneof(fc.constantFrom('text', 'image', 'audio', 'location', 'contacts', 'interactive', 'reaction', 'order', 'system', 'unsupported', 'request_welcome', 'edit', 'revoke'), leaf),
      text: leaf,
      image: leaf,
      audio: leaf,
      location: leaf,
      contacts: leaf,
      interactive: leaf,
      reaction: leaf,
      order: leaf,
      system: leaf,
      edit: leaf,
      revoke: leaf,
      context: leaf,
      errors: leaf,
      timestamp: leaf,
    });
    const preference = fc.record({ wa_id: leaf, user_id: leaf, value: leaf, category: leaf, detail: leaf, timestamp: leaf });
    const status = fc.record({ id: leaf, status: fc.oneof(fc.constantFrom('sent', 'failed'), leaf), errors: leaf, conversation: leaf, pricing: leaf, timestamp: leaf });
    const payload = fc.record({
      object: fc.constant('whatsapp_business_account'),
      entry: fc.array(
        fc.record({
          changes: fc.array(
            fc.record({
              field: fc.oneof(fc.constantFrom('messages', 'smb_message_echoes', 'user_preferences'), leaf),
              value: fc.oneof(
                fc.record({
                  metadata: leaf,
                  contacts: leaf,
                  messages: fc.array(message, { maxLength: 4 }),
                  statuses: fc.array(status, { maxLength: 4 }),
                  message_echoes: fc.array(message, { maxLength: 2 }),
                  user_preferences: fc.array(preference, { maxLength: 2 }),
                  errors: leaf,
                }),
                leaf,
              ),
            }),
            { maxLength: 3 },
          ),
        }),
        { maxLength: 3 },
      ),
    });
    fc.assert(
      fc.property(payload, (value) => {
        const { events } = parseWebhook(value);
        for (const event of events) {
          if (event.type === 'message') expect(typeof event.message.content).toBe('string');
          else if (event.type === 'status') expect(['sent', 'failed']).toContain(event.status.status);
          else if (event.type === 'echo') expect(typeof event.echo.content).toBe('string');
          else if (event.type === 'preference') expect(event.preference.user.address).not.toBe('');
          else expect(() => JSON.parse(event.event.value)).not.toThrow();
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('splitText', () => {
  it('chunks are within the limit, non-empty, not split inside a surrogate pair, and lose only whitespace', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\n', '\t', '😀', 'é', '\u00a0', '\r'), maxLength: 300 }), fc.integer({ min: 2, max: 40 }), (body, limit) => {
        const chunks = splitText(body, limit);
        if (body.trim() === '') {
          expect(chunks).toEqual([]);
          return;
        }
        if (body.length <= limit) {
          expect(chunks).toEqual([body]);
          return;
        }
        for (const chunk of chunks) {
          expect(chunk.length).toBeGreaterThan(0);
          expect(chunk.length).toBeLessThanOrEqual(limit);
          expect(chunk).toBe(chunk.trim());
          expect(chunk.isWellFormed()).toBe(true);
        }
        expect(chunks.join('').replace(/\s/g, '')).toBe(body.replace(/\s/g, ''));
      }),
    );
  });
});

describe('timingSafeEqual', () => {
  it('agrees with plain equality', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.uint8Array({ maxLength: 40 }), (a, b) => {
        const equal = a.length === b.length && a.every((byte, i) => byte === b[i]);
        expect(timingSafeEqual(a, b)).toBe(equal);
        expect(timingSafeEqual(a, a.slice())).toBe(true);
      }),
    );
  });
});

describe('answerVerification', () => {
  it('echoes any challenge when mode and token are right', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (token, challenge) => {
        const query = new URLSearchParams({ 'hub.mode': 'subscribe', 'hub.verify_token': token, 'hub.challenge': challenge }).toString();
        const expected = token.isWellFormed() && challenge.isWellFormed() ? { status: 200, body: challenge } : undefined;
        if (expected) expect(answerVerification(query, token)).toEqual(expected);
      }),
    );
  });
});

describe('redactSecrets', () => {
  it('leaves no secret behind', () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ minLength: 4 }), fc.string(), (before, secret, after) => {
        expect(redactSecrets(before + secret + after + encodeURIComponent(secret), [secret])).not.toContain(secret);
      }),
    );
  });
});

describe('classifyGraphResponse', () => {
  it('always gives a failure with a message, whatever the body', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 599 }), fc.jsonValue(), (status, body) => {
        const failure = classifyGraphResponse(status, body);
        expect(failure.httpStatus).toBe(status);
        expect(failure.message.length).toBeGreaterThan(0);
        expect(Number.isInteger(failure.code)).toBe(true);
      }),
    );
  });
});

describe('parseComponentList', () => {
  it('has no blanks, no duplicates, and no surrounding whitespace', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a:x', ' a:x', 'b:y ', '', ' ', 'c:z')), (parts) => {
        const names = parseComponentList(parts.join(','));
        expect(new Set(names).size).toBe(names.length);
        for (const name of names) expect(name).toBe(name.trim());
        expect(names).not.toContain('');
      }),
    );
  });
});

describe('witJsonText', () => {
  it('writes valid JSON for any value, with every key kept (an undefined one as null) and every key kebab-case', () => {
    fc.assert(
      fc.property(fc.anything({ values: [fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined)] }), (value) => {
        const text = witJsonText(value);
        const parsed: unknown = JSON.parse(text);
        const keys = (v: unknown): string[] =>
          typeof v === 'object' && v !== null ? [...(Array.isArray(v) ? [] : Object.keys(v)), ...Object.values(v).flatMap(keys)] : [];
        for (const key of keys(parsed)) expect(key).not.toMatch(/[A-Z]/);
        expect(keys(parsed)).toHaveLength(keys(value).length);
      }),
    );
  });
});
