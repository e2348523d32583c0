// `npm run simulate` options: every spelling a person types, and the user message it becomes.
import { describe, expect, it } from 'vitest';
import { parseSimulateArgs, parseWatchLine, SEND_BODY_PATTERN, UsageError } from '../../src/sandbox/simulate-args.ts';

const USER = '16505551234';

describe('parseSimulateArgs', () => {
  it.each<[string[], object]>([
    [['hello'], { from: USER, kind: 'text', text: 'hello' }],
    [['hello', 'there'], { from: USER, kind: 'text', text: 'hello there' }],
    [[], { from: USER, kind: 'text', text: 'hello' }],
    [['--from', '+44 7700 900123', '--name', 'Ada', 'hi'], { from: '447700900123', kind: 'text', text: 'hi', name: 'Ada' }],
    [['--kind', 'image', 'a cat'], { from: USER, kind: 'image', text: 'a cat' }],
    [['--kind', 'document'], { from: USER, kind: 'document' }],
    [['--kind', 'location', '--at', '48.8584,2.2945', 'Eiffel Tower'], { from: USER, kind: 'location', latitude: 48.8584, longitude: 2.2945, locationName: 'Eiffel Tower' }],
    [['--kind', 'button-reply'], { from: USER, kind: 'button-reply', optionIndex: 0 }],
    [['--kind', 'button-reply', '--option', '2'], { from: USER, kind: 'button-reply', optionIndex: 1 }],
    [['--kind', 'list-reply', '--option', 'topic:errors'], { from: USER, kind: 'list-reply', optionId: 'topic:errors' }],
    [['--kind', 'reaction', '🎉'], { from: USER, kind: 'reaction', emoji: '🎉' }],
    [['--kind', 'reaction'], { from: USER, kind: 'reaction' }],
    [['--reply-to', 'wamid.X', 'yes'], { from: USER, kind: 'text', text: 'yes', replyTo: 'wamid.X' }],
    [['--batch', '3', 'hi'], { from: USER, kind: 'text', text: 'hi', batch: 3 }],
    [['--kind', 'welcome'], { from: USER, kind: 'welcome' }],
    [['--kind', 'referral', 'Is it in stock?'], { from: USER, kind: 'referral', text: 'Is it in stock?' }],
    [['--kind', 'contacts', 'Barbara Johnson'], { from: USER, kind: 'contacts', text: 'Barbara Johnson' }],
    [['--kind', 'order', 'Gift wrap'], { from: USER, kind: 'order', text: 'Gift wrap' }],
    [['--kind', 'edit', 'Tuesday'], { from: USER, kind: 'edit', text: 'Tuesday' }],
    [['--kind', 'revoke'], { from: USER, kind: 'revoke' }],
    [['--kind', 'number-change', '+1 219 555 5358'], { from: USER, kind: 'number-change', text: '+1 219 555 5358' }],
    [['--kind', 'echo', 'I will take it from here'], { from: USER, kind: 'echo', text: 'I will take it from here' }],
    [['--kind', 'opt-out'], { from: USER, kind: 'opt-out' }],
    [['--kind', 'event', '--field', 'account_update', '--value', '{"event":"VERIFIED_ACCOUNT"}'], { from: USER, kind: 'event', field: 'account_update', value: { event: 'VERIFIED_ACCOUNT' } }],
  ])('%j', (argv, spec) => {
    const command = parseSimulateArgs(argv);
    if (command === 'help') throw new Error('unexpected help');
    expect(command.spec).toEqual(spec);
    expect(command.user).toBe((spec as { from: string }).from);
    expect(command.watch).toBe(false);
    expect(command.timeoutMs).toBe(15_000);
    expect(command.fault).toBeUndefined();
  });

  it('turns --fault into a Graph error on the next sends, never on read receipts', () => {
    const once = parseSimulateArgs(['--fault', '131047', 'hi']);
    const always = parseSimulateArgs(['--fault', '130429', '--fault-times', 'always']);
    const http = parseSimulateArgs(['--fault', '503', '--fault-times', '2']);
    const match = { method: 'POST', pathPattern: '/messages$', bodyPattern: SEND_BODY_PATTERN };
    expect(once !== 'help' && once.fault).toEqual({ match, times: 1, graphError: 131047 });
    expect(always !== 'help' && always.fault).toEqual({ match, times: 'always', graphError: 130429 });
    expect(http !== 'help' && http.fault).toMatchObject({ match, times: 2, status: 503 });
    expect(new RegExp(SEND_BODY_PATTERN).test('{"messaging_product":"whatsapp","to":"1650"}')).toBe(true);
    expect(new RegExp(SEND_BODY_PATTERN).test('{"messaging_product":"whatsapp","status":"read","message_id":"wamid.X"}')).toBe(false);
  });

  it('--from-user-id is a user who shows no phone number, whose conversation is under the user id', () => {
    const command = parseSimulateArgs(['--from-user-id', 'AR.1502576394655843', '--username', '@pablo.m', 'hola']);
    if (command === 'help') throw new Error('unexpected help');
    expect(command.spec).toEqual({ from: USER, kind: 'text', text: 'hola', userId: 'AR.1502576394655843', phoneHidden: true, username: '@pablo.m' });
    expect(command.user).toBe('AR.1502576394655843');
    // with --from too, the user has both
    const both = parseSimulateArgs(['--from', '+44 7700 900123', '--from-user-id', 'GB.123456789', 'hi']);
    expect(both !== 'help' && [both.spec.phoneHidden, both.spec.userId, both.user]).toEqual([undefined, 'GB.123456789', '447700900123']);
  });

  it('--group writes in a group, whose conversation is the group', () => {
    const command = parseSimulateArgs(['--group', 'Y2FwaV9ncm91cDoxNzA1NTU1MDEzOToxMjAzNjM0MDQ2OTQyMzM4MjAZD', 'hi all']);
    expect(command !== 'help' && [command.spec.groupId, command.user]).toEqual(['Y2FwaV9ncm91cDoxNzA1NTU1MDEzOToxMjAzNjM0MDQ2OTQyMzM4MjAZD', 'Y2FwaV9ncm91cDoxNzA1NTU1MDEzOToxMjAzNjM0MDQ2OTQyMzM4MjAZD']);
  });

  it('takes --watch, --timeout and --help', () => {
    expect(parseSimulateArgs(['--help'])).toBe('help');
    expect(parseSimulateArgs(['-h'])).toBe('help');
    const command = parseSimulateArgs(['--watch', '--timeout', '2.5']);
    expect(command !== 'help' && [command.watch, command.timeoutMs]).toEqual([true, 2500]);
  });

  it.each([
    [['--kind', 'poll'], /--kind must be one of text, image/],
    [['--from', 'me'], /--from must be a phone number/],
    [['--option', '2', 'hi'], /--option is for --kind button-reply or list-reply/],
    [['--kind', 'button-reply', '--option', '0'], /--option counts from 1/],
    [['--kind', 'location', '--at', 'north'], /--at must be LATITUDE,LONGITUDE/],
    [['--at', '1,2'], /--at is for --kind location/],
    [['--batch', '0'], /--batch must be a whole number from 1 to 100/],
    [['--fault', 'slow'], /--fault must be a Graph error code/],
    [['--fault-times', '2'], /--fault-times needs --fault/],
    [['--timeout', '0'], /--timeout must be a number of seconds/],
    [['--colour'], /Unknown option '--colour'/],
    [['--from-user-id', '13491208655302741918'], /--from-user-id must be a user id like US\./],
    [['--group', 'a b'], /--group must be a group id/],
    [['--kind', 'event'], /--kind event needs --field/],
    [['--kind', 'event', '--field', 'x', '--value', '[1]'], /--value must be a JSON object/],
    [['--field', 'x', 'hi'], /--field and --value are for --kind event/],
  ])('refuses %j, saying why', (argv, message) => {
    expect(() => parseSimulateArgs(argv)).toThrow(UsageError);
    expect(() => parseSimulateArgs(argv)).toThrow(message);
  });
});

describe('parseWatchLine', () => {
  it.each<[string, ReturnType<typeof parseWatchLine>]>([
    ['good morning', { kind: 'text', fields: { text: 'good morning' } }],
    ['  ', 'nothing'],
    ['/help', 'help'],
    ['/quit', 'quit'],
    ['/image a cat', { kind: 'image', fields: { text: 'a cat' } }],
    ['/sticker', { kind: 'sticker', fields: {} }],
    ['/location Home', { kind: 'location', fields: { locationName: 'Home' } }],
    ['/tap', { kind: 'button-reply', fields: { optionIndex: 0 } }],
    ['/tap 3', { kind: 'button-reply', fields: { optionIndex: 2 } }],
    ['/pick topic:errors', { kind: 'list-reply', fields: { optionId: 'topic:errors' } }],
    ['/react ❤️', { kind: 'reaction', fields: { emoji: '❤️' } }],
  ])('%j', (line, parsed) => {
    expect(parseWatchLine(line)).toEqual(parsed);
  });

  it('refuses an unknown command', () => {
    expect(() => parseWatchLine('/dance')).toThrow('unknown command /dance: /help lists them');
  });
});
