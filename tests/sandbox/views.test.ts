// What the sandbox shows: the user's phone view (simulate) and the components' log lines (npm start).
import { describe, expect, it } from 'vitest';
import type { TranscriptEntry } from '../../src/emulator/types.ts';
import { componentLine } from '../../src/sandbox/component-log.ts';
import { PhoneView, viewLines, type ViewChange } from '../../src/sandbox/phone-view.ts';

const AT = new Date(2026, 10, 28, 9, 0, 0, 0);
const WAMID = 'wamid.HBgLMTY1MDU1NTEyMzQVAgARGBQ0QkVCREFBNjZGQUEwMDAwMDAwMgA=';

function entry(fields: Partial<TranscriptEntry>): TranscriptEntry {
  return { revision: 1, direction: 'inbound', user: '16505551234', wamid: 'wamid.in', kind: 'text', text: 'hello', time: AT.toISOString(), status: 'received', ...fields };
}

describe('PhoneView', () => {
  it('shows what you wrote, the read mark and typing, and the answer, without the delivery ticks', () => {
    const view = new PhoneView();
    const mine = entry({});
    const answer = entry({ revision: 4, direction: 'outbound', wamid: WAMID, text: 'You said: hello', status: 'accepted', replyTo: 'wamid.in' });
    const lines = (entries: TranscriptEntry[]) => view.update(entries).map((change) => [`${change.source.padEnd(17)} ${change.text}`, change.answer]);

    expect(lines([mine])).toEqual([['you               hello', false]]);
    expect(lines([{ ...mine, revision: 2, status: 'read', typing: true }])).toEqual([['business          read your message, typing…', false]]);
    expect(lines([answer])).toEqual([['business          You said: hello', true]]);
    expect(lines([{ ...answer, revision: 5, status: 'sent' }, { ...answer, revision: 6, status: 'read' }])).toEqual([]);
    expect(lines([{ ...answer, revision: 7, status: 'failed' }])).toEqual([['business          ✗ not delivered: You said: hello', true]]);
  });

  it('lists changes in the order they happened, stamped when seen, and knows what was offered to tap', () => {
    const view = new PhoneView();
    const later = new Date(AT.getTime() + 300).toISOString();
    view.remember([entry({ wamid: 'wamid.a', text: 'menu' })]);
    const changes = view.update([
      entry({ revision: 4, direction: 'outbound', wamid: 'wamid.b', kind: 'buttons', text: 'Pick one [A | B]', time: later }),
      entry({ revision: 3, wamid: 'wamid.a', text: 'menu', status: 'read', typing: true }),
    ]);
    // A refused send (a --fault) happened between the read mark and the buttons.
    const refused: ViewChange = { at: AT.getTime() + 100, source: 'business', text: '✗ refused', answer: false };
    expect(viewLines([...changes, refused], AT)).toEqual([
      '09:00:00.000  business          read your message, typing…',
      '09:00:00.000  business          ✗ refused',
      '09:00:00.000  business          [buttons] Pick one [A | B]',
    ]);
    expect(view.lastOffer).toBe('buttons');
  });

  it('shows each kind of message the business sends with its kind, as the emulator summarises it', () => {
    const view = new PhoneView();
    const sent = (kind: string, text: string, revision: number) => entry({ revision, direction: 'outbound', wamid: `wamid.${revision}`, kind, text, status: 'accepted' });
    expect(
      view
        .update([
          sent('cta', 'Your order #42 comes to €12.50. [Pay now → https://pay.example.com/orders/42]', 1),
          sent('flow', '*Bookings* Reserve a table? [Book a table]', 2),
          sent('voice', '0:07 (media id 1013859600285441)', 3),
          sent('location-request', 'Where should we deliver? [Send location]', 4),
          sent('template', 'hello_world (en_US)', 5),
          sent('product', 'Our best seller [espresso-250g]', 6),
          sent('product-list', '*Our coffee* Pick your beans [Beans: espresso-250g, filter-1kg | Gear: grinder-c2]', 7),
          sent('catalog', 'Order your coffee here [View catalog, thumbnail espresso-250g]', 8),
        ])
        .map((change) => change.text),
    ).toEqual([
      '[cta] Your order #42 comes to €12.50. [Pay now → https://pay.example.com/orders/42]',
      '[flow] *Bookings* Reserve a table? [Book a table]',
      '[voice] 0:07 (media id 1013859600285441)',
      '[location-request] Where should we deliver? [Send location]',
      '[template] hello_world (en_US)',
      '[product] Our best seller [espresso-250g]',
      '[product-list] *Our coffee* Pick your beans [Beans: espresso-250g, filter-1kg | Gear: grinder-c2]',
      '[catalog] Order your coffee here [View catalog, thumbnail espresso-250g]',
    ]);
  });

  it('remembers the conversation so far without showing it', () => {
    const view = new PhoneView();
    view.remember([entry({})]);
    expect(view.update([entry({ revision: 2 })])).toEqual([]);
  });
});

describe('componentLine', () => {
  it("puts a component's line in the log's columns, wamids shortened", () => {
    expect(componentLine('asterai:whatsapp', `message ${WAMID} (text) dispatched to example:agent`, { now: () => AT })).toBe(
      '09:00:00.000  asterai:whatsapp  message wamid…MDAwMDAwMgA= (text) dispatched to example:agent',
    );
  });

  it("leaves out the component's routine status dispatches (the handler logs each status), unless verbose", () => {
    const line = `status delivered of ${WAMID} dispatched to example:agent`;
    expect(componentLine('asterai:whatsapp', line)).toBeUndefined();
    expect(componentLine('asterai:whatsapp', line, { verbose: true })).toContain('status delivered of wamid…MDAwMDAwMgA=');
    expect(componentLine('asterai:whatsapp', `status failed of ${WAMID} NOT delivered to example:agent: invocation-failed: x`)).toBeDefined();
  });
});
