import { describe, expect, it } from 'vitest';
import type { WitType } from '../../../../src/host/wit/model.ts';
import { witTypeName } from '../../../../src/host/wit/type-name.ts';

const user: WitType = { kind: 'record', name: 'user', fields: [] };

describe('witTypeName, as asterai displays param types', () => {
  it.each<[WitType, string]>([
    [{ kind: 'string' }, 'string'],
    [user, 'user'],
    [{ kind: 'alias', name: 'field-key', target: { kind: 'string' } }, 'field-key'],
    [{ kind: 'option', inner: { kind: 'string' } }, 'option<string>'],
    [{ kind: 'list', element: user }, 'list<user>'],
    [{ kind: 'result', ok: user, err: { kind: 'string' } }, 'result<user, string>'],
    [{ kind: 'result', err: { kind: 'string' } }, 'result<_, string>'],
    [{ kind: 'result' }, 'result<_, _>'],
    [{ kind: 'tuple', items: [{ kind: 'u32' }, { kind: 'string' }] }, 'tuple<u32, string>'],
    [{ kind: 'handle', mode: 'borrow', resource: 'pollable' }, 'borrow<pollable>'],
  ])('%j → %s', (type, name) => {
    expect(witTypeName(type)).toBe(name);
  });
});
