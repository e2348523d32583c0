import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadWitDirectory } from '../../../../../src/host/wit/load-directory.ts';
import { unalias, type WitType } from '../../../../../src/host/wit/model.ts';
import { jsName } from '../../../../../src/host/wit/names.ts';
import { EVENT_RECORDS, eventKey, eventRecord } from '../../../../../src/guest/core/webhook/events.ts';
import { parseWebhook } from '../../../../../src/guest/core/webhook/parse.ts';
import { FIXTURES, fixture, message, status } from './support.ts';

const types = loadWitDirectory(new URL('../../../../../wit', import.meta.url).pathname).findInterface('asterai:whatsapp/types@0.3.0')!.types;

/**
 * The problems of `value` as the WIT type `type`: a record must have every field
 * of the WIT as a key, and no other (asterai rejects a record JSON with a missing
 * key), down through options and lists.
 */
function shapeProblems(value: unknown, type: WitType, path: string): string[] {
  const resolved = unalias(type);
  if (resolved.kind === 'option') return value === undefined ? [] : shapeProblems(value, resolved.inner, path);
  if (resolved.kind === 'list') return (value as unknown[]).flatMap((item, i) => shapeProblems(item, resolved.element, `${path}[${i}]`));
  if (resolved.kind !== 'record') return [];
  const record = value as Record<string, unknown>;
  const expected = resolved.fields.map((field) => jsName(field.name)).sort();
  const actual = Object.keys(record).sort();
  const problems = JSON.stringify(actual) === JSON.stringify(expected) ? [] : [`${path} (${resolved.name}) has keys ${actual.join(', ')}; the WIT has ${expected.join(', ')}`];
  return [...problems, ...resolved.fields.flatMap((field) => shapeProblems(record[jsName(field.name)], field.type, `${path}.${jsName(field.name)}`))];
}

describe('parsed records carry every field of their WIT record as a key, and no other', () => {
  const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.json'));

  it('the WIT records are found', () => {
    expect(Object.values(EVENT_RECORDS).map((name) => types.get(name)?.kind)).toEqual(['record', 'record', 'record', 'record', 'record']);
  });

  it.each(files)('%s', (name) => {
    for (const event of parseWebhook(fixture(name)).events) {
      expect(shapeProblems(eventRecord(event), types.get(EVENT_RECORDS[event.type])!, event.type)).toEqual([]);
    }
  });
});

describe('eventKey', () => {
  it('is the wamid for a message and wamid:status for a status', () => {
    expect(eventKey(message({ id: 'wamid.A', kind: 'text', content: '', timestamp: 0 }))).toBe('wamid.A');
    expect(eventKey(status({ id: 'wamid.A', status: 'read', timestamp: 0 }))).toBe('wamid.A:read');
  });
});
