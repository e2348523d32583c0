// `npm run simulate` options, and the user message they describe (the emulator's InboundSpec).
// Pure: no I/O, so every spelling is tested directly.
import { parseArgs } from 'node:util';
import type { FaultSpec, InboundKind, InboundSpec } from '../emulator/types.ts';

export const USAGE = `usage: npm run simulate -- [options] [text]

Writes to the running sandbox (\`npm start\`) as a WhatsApp user and shows the conversation
until the business answers.

  text                 the message; for media its caption, for a location its name,
                       for a reaction its emoji
  --kind KIND          text (default), image, audio, video, document, sticker, location,
                       button-reply, list-reply, reaction, unsupported
  --option N|ID        button-reply / list-reply: which option of the last buttons or list
                       the business sent (1 = the first; default 1), or its id
  --at LAT,LNG         location: where (default 38.7223,-9.1393)
  --reply-to WAMID     quote an earlier message
  --from NUMBER        the user's number (default 16505551234)
  --name NAME          the user's profile name (default "Sandbox User")
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
  /** The user's WhatsApp id (digits). */
  user: string;
  fault?: FaultSpec;
  timeoutMs: number;
  watch: boolean;
}

export class UsageError extends Error {}

const KINDS: readonly InboundKind[] = ['text', 'image', 'audio', 'video', 'document', 'sticker', 'location', 'button-reply', 'list-reply', 'reaction', 'unsupported'];
const MEDIA: ReadonlySet<InboundKind> = new Set(['image', 'audio', 'video', 'document', 'sticker']);

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
  if (!KINDS.includes(kind)) throw new UsageError(`--kind must be one of ${KINDS.join(', ')}; got "${values.kind}"`);
  const text = positionals.length > 0 ? positionals.join(' ') : undefined;
  const from = values.from ?? DEFAULT_USER;
  const user = from.replace(/\D/g, '');
  if (!/^\d{5,15}$/.test(user)) throw new UsageError(`--from must be a phone number (5 to 15 digits); got "${from}"`);

  const spec: InboundSpec = {
    from: user,
    kind,
    ...messageFields(kind, text, values),
    ...(values.name === undefined ? {} : { name: values.name }),
    ...(values['reply-to'] === undefined ? {} : { replyTo: values['reply-to'] }),
    ...(values.batch === undefined ? {} : { batch: count('--batch', values.batch, 100) }),
  };
  const command: SimulateCommand = { spec, user, timeoutMs: seconds(values.timeout ?? '15') * 1000, watch: values.watch === true };
  if (values.fault !== undefined) command.fault = faultFor(values.fault, values['fault-times']);
  else if (values['fault-times'] !== undefined) throw new UsageError('--fault-times needs --fault');
  return command;
}

type Values = { option?: string; at?: string };

/** The fields of the InboundSpec that depend on the kind; `text` means what the kind makes of it. */
export function messageFields(kind: InboundKind, text: string | undefined, values: Values = {}): Partial<InboundSpec> {
  if (values.option !== undefined && kind !== 'button-reply' && kind !== 'list-reply') {
    throw new UsageError('--option is for --kind button-reply or list-reply');
  }
  if (values.at !== undefined && kind !== 'location') throw new UsageError('--at is for --kind location');
  if (kind === 'text') return { text: text ?? 'hello' };
  if (MEDIA.has(kind)) return text === undefined ? {} : { text };
  if (kind === 'location') return { ...(text === undefined ? {} : { locationName: text }), ...(values.at === undefined ? {} : coordinates(values.at)) };
  if (kind === 'button-reply' || kind === 'list-reply') return option(values.option ?? '1');
  if (kind === 'reaction') return text === undefined ? {} : { emoji: text };
  return {};
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
  /react [emoji]     /unsupported            /help   /quit (or Ctrl-D)`;

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
