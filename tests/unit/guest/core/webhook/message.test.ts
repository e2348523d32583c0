import { describe, expect, it } from 'vitest';
import { parseOne } from './support.ts';

describe('a message: sender, context and time', () => {
  it('matches the sender contact by wa_id, or by user_id when there is no phone', () => {
    const contacts = [
      { profile: { name: 'Other' }, wa_id: '4915112345678' },
      { profile: { name: 'Sheena', username: '@sheena' }, wa_id: '16505551234', user_id: 'US.1' },
    ];
    expect(parseOne({ type: 'text', text: { body: 'x' } }, contacts).sender).toEqual({
      name: 'Sheena',
      phone: '16505551234',
      userId: 'US.1',
      username: '@sheena',
      address: '16505551234',
    });
    // matched by user id; the contact's phone number counts when the message has none
    expect(parseOne({ from: '', from_user_id: 'US.1', type: 'text', text: { body: 'x' } }, contacts).sender).toEqual({
      name: 'Sheena',
      phone: '16505551234',
      userId: 'US.1',
      username: '@sheena',
      address: '16505551234',
    });
    expect(parseOne({ from: '', from_user_id: 'US.1', type: 'text', text: { body: 'x' } }, [{ profile: { name: 'Sheena' }, user_id: 'US.1' }]).sender).toEqual({
      name: 'Sheena',
      phone: '',
      userId: 'US.1',
      address: 'US.1',
    });
    // from_user_id wins over the contact's user_id
    expect(parseOne({ from_user_id: 'US.2', type: 'text' }, contacts).sender.userId).toBe('US.2');
    // no matching contact: no name, never another user's name
    expect(parseOne({ from: '19999999999', type: 'text' }, contacts).sender).toEqual({ name: '', phone: '19999999999', address: '19999999999' });
    // an empty wa_id does not match an empty from
    expect(parseOne({ from: '', type: 'text' }, [{ profile: { name: 'Nobody' }, wa_id: '' }]).sender).toEqual({ name: '', phone: '', address: '' });
  });

  it('the address to answer is the phone number, else the user id, else the parent user id', () => {
    expect(parseOne({ from: '16505551234', from_user_id: 'US.1', from_parent_user_id: 'US.ENT.1', type: 'text' }).sender.address).toBe('16505551234');
    expect(parseOne({ from: '', from_user_id: 'US.1', from_parent_user_id: 'US.ENT.1', type: 'text' }).sender.address).toBe('US.1');
    expect(parseOne({ from: '', from_parent_user_id: 'US.ENT.1', type: 'text' }).sender).toMatchObject({ parentUserId: 'US.ENT.1', address: 'US.ENT.1' });
    // a phone number that only the contact shows still counts
    expect(parseOne({ from: '', from_user_id: 'US.1', type: 'text' }, [{ wa_id: '16505551234', user_id: 'US.1' }]).sender.address).toBe('16505551234');
  });

  it('a message in a group is answered in the group', () => {
    const message = parseOne({ from: '16505551234', group_id: 'Y2FwaV9ncm91cDox', type: 'text' });
    expect(message).toMatchObject({ groupId: 'Y2FwaV9ncm91cDox', chat: 'Y2FwaV9ncm91cDox', sender: { address: '16505551234' } });
    expect(parseOne({ from: '16505551234', type: 'text' })).toMatchObject({ groupId: undefined, chat: '16505551234' });
  });

  it('forwarded is false unless context says so', () => {
    expect(parseOne({ type: 'text', context: { forwarded: false } }).forwarded).toBe(false);
    expect(parseOne({ type: 'text', context: { forwarded: 'yes' } }).forwarded).toBe(false);
    expect(parseOne({ type: 'text', context: { forwarded: true, frequently_forwarded: true } }).forwarded).toBe(true);
  });

  it('timestamps may be numbers too', () => {
    expect(parseOne({ type: 'text', timestamp: 1700000001 }).timestamp).toBe(1700000001);
  });
});
