import { describe, expect, it } from 'vitest';
import { claimOf, parseJournal, serializeJournal, type Journal } from '../../../../../src/guest/core/inbox/journal.ts';
import { deadLetterId, isDeadLetterId, isJournalId, journalId } from '../../../../../src/guest/core/inbox/journal-id.ts';
import { formatMark, isComplete, readProgress } from '../../../../../src/guest/core/inbox/progress.ts';

const event = (key: string, handlers: string[]) => ({
  key,
  conversation: '1/447700900123',
  type: 'message',
  kind: 'text',
  label: `message ${key} (text)`,
  args: ['[{"id":"x"}]'],
  deliveries: handlers.map((handler) => ({ handler, function: 'incoming-handler/on-message', args: 0 })),
});

const journal: Journal = { receivedAt: 1_764_000_000_000, events: [event('wamid.1', ['a:one', 'b:two']), event('wamid.2', ['a:one'])] };

describe('the journal format', () => {
  it('round-trips: a header, one line per event, an end line with the count', () => {
    const text = serializeJournal(journal);
    expect(text.split('\n')).toHaveLength(5);
    expect(text.split('\n')[3]).toBe('{"end":2}');
    expect(parseJournal(text)).toEqual({ journal });
    const letter: Journal = { ...journal, events: [{ ...event('wamid.1', ['a:one']), claim: 'j:0' }], deadLetter: { failures: [{ at: 1, error: 'x' }], deadAt: 2, reason: 'r' } };
    expect(parseJournal(serializeJournal(letter))).toEqual({ journal: letter });
  });

  it('is incomplete without its end line, or with a line that is not an event', () => {
    const text = serializeJournal(journal);
    const lines = text.split('\n');
    expect(parseJournal(lines.slice(0, 3).join('\n'))).toEqual({ incomplete: 'no end line after 2 lines (cut short before it was synced)' });
    expect(parseJournal(text.slice(0, -5))).toMatchObject({ incomplete: expect.stringContaining('no end line') });
    expect(parseJournal('')).toEqual({ incomplete: 'no header of format 1' });
    expect(parseJournal([lines[0], '{"key":"k"}', '{"end":1}'].join('\n'))).toEqual({ incomplete: 'line 2 is not an event' });
    const badIndex = JSON.stringify({ ...event('k', ['a:one']), deliveries: [{ handler: 'a:one', function: 'f', args: 1 }] });
    expect(parseJournal([lines[0], badIndex, '{"end":1}'].join('\n'))).toEqual({ incomplete: 'line 2 is not an event' });
  });

  it('names a claim after the journal and the event, unless the event carries its own', () => {
    expect(claimOf('J', 3, event('k', []))).toBe('J:3');
    expect(claimOf('J', 3, { ...event('k', []), claim: 'OLD:7' })).toBe('OLD:7');
  });
});

describe('marks', () => {
  it('are read back into each delivery\'s progress; a line a crash cut short is ignored', () => {
    const marks = [
      formatMark({ mark: 'fail', event: 0, delivery: 1, failure: { at: 5, error: 'invocation-failed: "quoted" \n newline' } }),
      formatMark({ mark: 'done', event: 0, delivery: 0 }),
      formatMark({ mark: 'dead', event: 0, delivery: 1 }),
      'done 1 0',
    ].join('');
    const progress = readProgress(journal, marks);
    expect(progress).toEqual([
      [
        { state: 'done', failures: [] },
        { state: 'dead', failures: [{ at: 5, error: 'invocation-failed: "quoted" \n newline' }] },
      ],
      [{ state: 'open', failures: [] }],
    ]);
    expect(isComplete(progress)).toBe(false);
    expect(isComplete(readProgress(journal, `${marks}\n`))).toBe(true);
  });

  it('skip an event: every delivery of it still open', () => {
    const progress = readProgress(journal, 'done 0 0\nskip 0\nnonsense\ndone 9 9\n');
    expect(progress[0]?.map((d) => d.state)).toEqual(['done', 'skipped']);
  });
});

describe('ids', () => {
  it('sort in the order deliveries arrive and name their dead letters', () => {
    const id = journalId(1_764_000_000_000, Uint8Array.from([0x0a, 0x1b, 0x2c, 0x3d, 0xff]));
    expect(id).toBe('1764000000000-0a1b2c3d');
    expect(journalId(5, new Uint8Array(4))).toBe('0000000000005-00000000');
    expect(isJournalId(id)).toBe(true);
    expect(isJournalId(`${id}.0.0`)).toBe(false);
    expect(deadLetterId(id, 4, 0)).toBe('1764000000000-0a1b2c3d.4.0');
    expect(isDeadLetterId('1764000000000-0a1b2c3d.4.0')).toBe(true);
    expect(isDeadLetterId('../x.4.0')).toBe(false);
  });
});
