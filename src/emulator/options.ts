// The emulator's one config reader: command-line flags first, then EMULATOR_* env vars, then
// defaults that look like Meta's documentation samples.
import type { EmulatorOptions } from './types.ts';

interface OptionSpec {
  flag: string;
  env: string;
  key: keyof EmulatorOptions;
  kind: 'string' | 'integer' | 'boolean' | 'list';
  default?: string | number;
  help: string;
}

export const OPTION_SPECS: readonly OptionSpec[] = [
  { flag: 'host', env: 'EMULATOR_HOST', key: 'host', kind: 'string', default: '127.0.0.1', help: 'interface to listen on' },
  { flag: 'port', env: 'EMULATOR_PORT', key: 'port', kind: 'integer', default: 0, help: 'port; 0 picks a free one' },
  { flag: 'access-token', env: 'EMULATOR_ACCESS_TOKEN', key: 'accessToken', kind: 'string', default: 'emulator-access-token', help: 'the only bearer token accepted' },
  { flag: 'phone-number-id', env: 'EMULATOR_PHONE_NUMBER_ID', key: 'phoneNumberId', kind: 'string', default: '106540352242922', help: 'the business phone number id' },
  { flag: 'display-phone-number', env: 'EMULATOR_DISPLAY_PHONE_NUMBER', key: 'displayPhoneNumber', kind: 'string', default: '+1 555-078-3881', help: "the business's number as shown" },
  { flag: 'verified-name', env: 'EMULATOR_VERIFIED_NAME', key: 'verifiedName', kind: 'string', default: 'Emulated Business', help: 'the business display name' },
  { flag: 'waba-id', env: 'EMULATOR_WABA_ID', key: 'wabaId', kind: 'string', default: '102290129340398', help: 'WhatsApp Business Account id (webhook entry id)' },
  { flag: 'app-secret', env: 'EMULATOR_APP_SECRET', key: 'appSecret', kind: 'string', help: 'HMAC key for X-Hub-Signature-256 on webhooks' },
  { flag: 'webhook-url', env: 'EMULATOR_WEBHOOK_URL', key: 'webhookUrl', kind: 'string', help: 'where inbound messages and statuses are POSTed' },
  { flag: 'status-delay-ms', env: 'EMULATOR_STATUS_DELAY_MS', key: 'statusDelayMs', kind: 'integer', default: 100, help: 'pause between sent/delivered/read statuses; -1 sends none' },
  { flag: 'enforce-window', env: 'EMULATOR_ENFORCE_WINDOW', key: 'enforceWindow', kind: 'boolean', default: 'false', help: 'accept, then fail (131047 status) free-form messages outside the 24 h window' },
  { flag: 'log-events', env: 'EMULATOR_LOG_EVENTS', key: 'logEvents', kind: 'boolean', help: 'print one line per conversation event on stderr (the sandbox log)' },
  {
    flag: 'authentication-templates',
    env: 'EMULATOR_AUTHENTICATION_TEMPLATES',
    key: 'authenticationTemplates',
    kind: 'list',
    default: 'verification_code',
    help: 'comma-separated names of the authentication templates: none goes to a user id (131062)',
  },
  { flag: 'media-url-ttl-ms', env: 'EMULATOR_MEDIA_URL_TTL_MS', key: 'mediaUrlTtlMs', kind: 'integer', default: 300_000, help: 'lifetime of media download URLs (Meta: 5 minutes)' },
];

export function usage(): string {
  const lines = OPTION_SPECS.map((spec) => `  --${spec.flag.padEnd(22)} ${spec.env.padEnd(30)} ${spec.help}${spec.default === undefined ? '' : ` (default ${spec.default})`}`);
  return [
    'Usage: node --import tsx src/emulator/main.ts [--flag value | --flag=value]...',
    '',
    '  flag                     env var',
    ...lines,
    '  --exit-on-stdin-close    stop when stdin closes (spawn.ts uses it so no emulator outlives its parent)',
    '',
    'Prints {"event":"listening","url":"http://127.0.0.1:PORT"} on stdout when ready; stops on SIGTERM/SIGINT.',
  ].join('\n');
}

/** Reads the options; throws an Error whose message says what is wrong. */
export function readOptions(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): EmulatorOptions {
  const fromFlags = new Map<string, string>();
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index] ?? '';
    const match = argument.match(/^--([a-z0-9-]+)(?:=(.*))?$/);
    const spec = match && OPTION_SPECS.find((candidate) => candidate.flag === match[1]);
    if (!match || !spec) throw new Error(`unknown argument "${argument}"`);
    const value = match[2] ?? argv[++index];
    if (value === undefined) throw new Error(`--${spec.flag} needs a value`);
    fromFlags.set(spec.flag, value);
  }

  const options: Record<string, string | number | boolean | string[]> = {};
  for (const spec of OPTION_SPECS) {
    const raw = fromFlags.get(spec.flag) ?? env[spec.env] ?? spec.default;
    if (raw === undefined || raw === '') continue;
    if (spec.kind === 'integer') {
      const number = typeof raw === 'number' ? raw : Number(raw);
      if (!Number.isInteger(number)) throw new Error(`--${spec.flag} must be an integer, got "${raw}"`);
      options[spec.key] = number;
    } else if (spec.kind === 'boolean') {
      if (raw !== 'true' && raw !== 'false') throw new Error(`--${spec.flag} must be true or false, got "${raw}"`);
      options[spec.key] = raw === 'true';
    } else if (spec.kind === 'list') {
      options[spec.key] = String(raw).split(',').map((item) => item.trim()).filter((item) => item !== '');
    } else {
      options[spec.key] = String(raw);
    }
  }
  if (options['webhookUrl'] !== undefined && !URL.canParse(String(options['webhookUrl']))) {
    throw new Error(`--webhook-url must be an absolute URL, got "${options['webhookUrl']}"`);
  }
  return options as unknown as EmulatorOptions;
}
