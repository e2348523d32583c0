// `npm run simulate` options, and the user message they describe (the emulator's InboundSpec).
// Pure: no I/O, so every spelling is tested directly.
import { parseArgs } from 'node:util';
import { INBOUND_KINDS, type FaultSpec, type InboundKind, type InboundSpec } from '../emulator/types.ts';

export const USAGE = `usage: npm run simulate -- [options] [text]

Writes to the running sandbox (\`npm start\`) as a WhatsApp user and shows the conversation
until the business answers.

  text                 the message; for media its caption, for a location its name,
                       for a reaction its emoji, for contacts the card's name, for an
                       order its note, for an edit the new text, for number-change the
                       new number, for echo what someone at the business writes
  --kind KIND          text (default), image, audio, video, document, sticker, location,
                       button-reply, list-reply, reaction, unsupported, contacts,
                       welcome (the user opens the chat), referral (a text from an ad),
                       flow-reply, order, edit, revoke (of the user's last message),
                       number-change, user-id-change, identity-change, echo (someone at
                       the business writes from the WhatsApp Business app), opt-out,
                       opt-in (marketing messages), event (any other webhook field)
  --option N|ID        button-reply / list-reply: which option of the last buttons or list
                       the business sent (1 = the first; default 1), or its id
  --at LAT,LNG         location: where (default 38.7223,-9.1393)
  --reply-to WAMID     quote an earlier message
  --from NUMBER        the user's number (default 16505551234)
  --from-user-id ID    a user who adopted a username and shows no phone number, known by
                       this user id (like US.13491208655302741918); with --from, both
  --username NAME      the user's WhatsApp username
  --name NAME          the user's profile name (default "Sandbox User")
  --group ID           the message is written in this group; the answer goes to the group
  --field NAME         event: the webhook field (like account_update)
  --value JSON         event: the field's value (default {})
  --batch N            N messages in one webhook delivery, as Meta batches them
  --fault CODE         the business's next send fails with this Graph error code, e.g. 131047
                       (24 h window closed), 130429 (rate limit: retried), 131026, 190, 500
  --fault-times N      ... the next N sends (default 1), or "always" while this runs
  --timeout SECONDS    how long to wait for an answer (default 15)
  --watch              keep following the conversation, and send each line you type
                       (/help lists the commands for the other kinds)
  --help               this text`;

export interface SimulateCommand {
  spec: InboundSpec;
  /** The conversation in the emulator's transcript: the user's number, else their user id, or the group. */
  user: string;
  fault?: FaultSpec;
  timeoutMs: number;
  watch: boolean;
}

export class UsageError extends Error {}

const MEDIA: ReadonlySet<InboundKind> = new Set(['image', 'audio', 'video', 'document', 'sticker']);
/** Kinds whose text is what they carry (see USAGE). */
const TEXT_KINDS: ReadonlySet<InboundKind> = new Set(['contacts', 'referral', 'flow-reply', 'order', 'edit', 'number-change', 'echo']);
/** What a user does that the agent is not expected to answer: the run ends once the webhook took it. */
export const NO_ANSWER_KINDS: ReadonlySet<InboundKind> = new Set(['edit', 'revoke', 'number-change', 'user-id-change', 'identity-change', 'echo', 'opt-out', 'opt-in', 'event']);
/** Meta: a user id is a two-letter country code, a period and up to 128 letters and digits; ENT between for a parent one. */
const USER_ID = /^[A-Z]{2}\.(?:ENT\.)?[A-Za-z0-9]{1,128}$/;

export const DEFAULT_USER = '16505551234';

/** The sends of POST /messages carry a recipient; read receipts, on the same path, do not. */
export const SEND_BODY_PATTERN = '"to"\\s*:';

export function parseSimulateArgs(argv: readonly string[]): SimulateCommand | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        kind: { type: 'string' },
        option: { type: 'string' },
        at: { type: 'string' },
        'reply-to': { type: 'string' },
        from: { type: 'string' },
        'from-user-id': { type: 'string' },
        username: { type: 'string' },
        group: { type: 'string' },
        field: { type: 'string' },
        value: { type: 'string' },
        name: { type: 'string' },
        batch: { type: 'string' },
        fault: { type: 'string' },
        'fault-times': { type: 'string' },
        timeout: { type: 'string' },
        watch: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';

  const kind = (values.kind ?? 'text') as InboundKind;
  if (!INBOUND_KINDS.includes(kind)) throw new UsageError(`--kind must be one of ${INBOUND_KINDS.join(', ')}; got "${values.kind}"`);
  const text = positionals.length > 0 ? positionals.join(' ') : undefined;
  const from = values.from ?? DEFAULT_USER;
  const phone = from.replace(/\D/g, '');
  if (!/^\d{5,15}$/.test(phone)) throw new UsageError(`--from must be a phone number (5 to 15 digits); got "${from}"`);
  const userId = values['from-user-id'];
  if (userId !== undefined && !USER_ID.test(userId)) {
    throw new UsageError(`--from-user-id must be a user id like US.13491208655302741918 (a parent one: US.ENT.11815799212886844830); got "${userId}"`);
  }
  if (values.group !== undefined && !/^[A-Za-z0-9_+/=]{16,256}$/.test(values.group)) throw new UsageError(`--group must be a group id (16 or more letters and digits); got "${values.group}"`);
  // A user id without --from is a user who shows no phone number.
  const phoneHidden = userId !== undefined && values.from === undefined;

  const spec: InboundSpec = {
    from: phone,
    kind,
    ...messageFields(kind, text, values),
    ...(userId === undefined ? {} : { userId }),
    ...(phoneHidden ? { phoneHidden } : {}),
    ...(values.username === undefined ? {} : { username: values.username }),
    ...(values.group === undefined ? {} : { groupId: values.group }),
    ...(values.name === undefined ? {} : { name: values.name }),
    ...(values['reply-to'] === undefined ? {} : { replyTo: values['reply-to'] }),
    ...(values.batch === undefined ? {} : { batch: count('--batch', values.batch, 100) }),
  };
  const user = values.group ?? (phoneHidden ? (userId as string) : phone);
  const command: SimulateCommand = { spec, user, timeoutMs: seconds(values.timeout ?? '15') * 1000, watch: values.watch === true };
  if (values.fault !== undefined) command.fault = faultFor(values.fault, values['fault-times']);
  else if (values['fault-times'] !== undefined) throw new UsageError('--fault-times needs --fault');
  return command;
}

type Values = { option?: string; at?: string; field?: string; value?: string };

/** The fields of the InboundSpec that depend on the kind; `text` means what the kind makes of it. */
export function messageFields(kind: InboundKind, text: string | undefined, values: Values = {}): Partial<InboundSpec> {
  if (values.option !== undefined && kind !== 'button-reply' && kind !== 'list-reply') {
    throw new UsageError('--option is for --kind button-reply or list-reply');
  }
  if (values.at !== undefined && kind !== 'location') throw new UsageError('--at is for --kind location');
  if ((values.field !== undefined || values.value !== undefined) && kind !== 'event') throw new UsageError('--field and --value are for --kind event');
  if (kind === 'text') return { text: text ?? 'hello' };
  if (TEXT_KINDS.has(kind)) return text === undefined ? {} : { text };
  if (kind === 'event') return eventFields(values);
  if (MEDIA.has(kind)) return text === undefined ? {} : { text };
  if (kind === 'location') return { ...(text === undefined ? {} : { locationName: text }), ...(values.at === undefined ? {} : coordinates(values.at)) };
  if (kind === 'button-reply' || kind === 'list-reply') return option(values.option ?? '1');
  if (kind === 'reaction') return text === undefined ? {} : { emoji: text };
  return {};
}

/** An event of any webhook field but messages, with its value as JSON. */
function eventFields(values: Values): Partial<InboundSpec> {
  if (values.field === undefined) throw new UsageError('--kind event needs --field, like --field account_update');
  let value: unknown;
  try {
    value = JSON.parse(values.value ?? '{}');
  } catch {
    throw new UsageError(`--value must be JSON, like '{"event":"VERIFIED_ACCOUNT"}'; got ${values.value}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UsageError('--value must be a JSON object');
  return { field: values.field, value };
}

/** `2` is the second option (the emulator counts from 0); anything else is an option id. */
function option(value: string): Partial<InboundSpec> {
  if (/^\d+$/.test(value)) {
    const index = Number(value);
    if (index < 1) throw new UsageError('--option counts from 1');
    return { optionIndex: index - 1 };
  }
  return { optionId: value };
}

function coordinates(value: string): Partial<InboundSpec> {
  const match = value.match(/^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/);
  const [latitude, longitude] = match ? [Number(match[1]), Number(match[2])] : [NaN, NaN];
  if (!(Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180)) throw new UsageError(`--at must be LATITUDE,LONGITUDE like 38.7223,-9.1393; got "${value}"`);
  return { latitude, longitude };
}

/** A Graph error on the business's next sends (never on its read receipts). */
function faultFor(code: string, times: string | undefined): FaultSpec {
  if (!/^\d+$/.test(code)) throw new UsageError(`--fault must be a Graph error code like 131047; got "${code}"`);
  const value = Number(code);
  const match = { method: 'POST', pathPattern: '/messages$', bodyPattern: SEND_BODY_PATTERN };
  const repeat = times === undefined ? 1 : times === 'always' ? 'always' : count('--fault-times', times, 1000);
  // HTTP statuses (500, 503) fail as a bare status; Graph codes as Meta's error JSON.
  const failure = value >= 400 && value <= 599 ? { status: value, body: { error: { message: `HTTP ${value} (sandbox fault)` } } } : { graphError: value };
  return { match, times: repeat, ...failure };
}

function count(flag: string, value: string, max: number): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > max) throw new UsageError(`${flag} must be a whole number from 1 to ${max}; got "${value}"`);
  return number;
}

function seconds(value: string): number {
  const number = Number(value);
  if (!(number > 0 && number <= 600)) throw new UsageError(`--timeout must be a number of seconds up to 600; got "${value}"`);
  return number;
}

export const WATCH_HELP = `Type a message and press Enter to send it as the user. Other kinds:
  /image [caption]   /video [caption]   /audio   /document [caption]   /sticker
  /location [name]   /tap [N|id]  (a button)   /pick [N|id]  (a list row)
  /react [emoji]     /contact [name]    /order [note]    /edit [new text]   /revoke
  /welcome           /ad [text]         /echo [text]  (someone at the business writes)
  /opt-out   /opt-in   /unsupported     /help   /quit (or Ctrl-D)`;

const WATCH_COMMANDS: Readonly<Record<string, InboundKind>> = {
  image: 'image',
  video: 'video',
  audio: 'audio',
  document: 'document',
  sticker: 'sticker',
  location: 'location',
  tap: 'button-reply',
  pick: 'list-reply',
  react: 'reaction',
  contact: 'contacts',
  order: 'order',
  edit: 'edit',
  revoke: 'revoke',
  welcome: 'welcome',
  ad: 'referral',
  echo: 'echo',
  'opt-out': 'opt-out',
  'opt-in': 'opt-in',
  unsupported: 'unsupported',
};

/** A line typed in --watch mode: the message to send, or what to do instead. */
export function parseWatchLine(line: string): { kind: InboundKind; fields: Partial<InboundSpec> } | 'help' | 'quit' | 'nothing' {
  const trimmed = line.trim();
  if (trimmed === '') return 'nothing';
  if (!trimmed.startsWith('/')) return { kind: 'text', fields: { text: trimmed } };
  const [, name = '', rest = ''] = trimmed.match(/^\/(\S*)\s*(.*)$/) ?? [];
  if (name === 'help' || name === '?') return 'help';
  if (name === 'quit' || name === 'exit') return 'quit';
  const kind = WATCH_COMMANDS[name];
  if (!kind) throw new UsageError(`unknown command /${name}: /help lists them`);
  const argument = rest === '' ? undefined : rest;
  if (kind === 'button-reply' || kind === 'list-reply') return { kind, fields: messageFields(kind, undefined, { option: argument ?? '1' }) };
  return { kind, fields: messageFields(kind, argument) };
}
