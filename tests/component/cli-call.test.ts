// `cli.ts call . <function> <args>...`: the Node host's `asterai component call .`, run from the
// project folder on the BUILT component and package.wasm, against the Graph API emulator.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/spawn.ts';
import { SECRETS } from '../support/harness.ts';

const root = new URL('../../', import.meta.url).pathname;
const cli = join(root, 'src/host/cli.ts');
// tsx by path: `--import tsx` would resolve it from the working folder, which is not always the project.
const tsx = pathToFileURL(join(root, 'node_modules/tsx/dist/loader.mjs')).href;
const USER = '15550109999';
let graph: RunningEmulator;

beforeAll(async () => {
  graph = await startEmulator({ accessToken: SECRETS.accessToken, phoneNumberId: SECRETS.phoneNumberId, verifiedName: 'Acme Support', statusDelayMs: -1 });
});
afterAll(async () => {
  await graph?.stop();
});

function call(args: string[], cwd = root): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = {
    PATH: process.env.PATH ?? '',
    WHATSAPP_ACCESS_TOKEN: SECRETS.accessToken,
    WHATSAPP_PHONE_NUMBER_ID: SECRETS.phoneNumberId,
    WHATSAPP_APP_SECRET: SECRETS.appSecret,
    WHATSAPP_WEBHOOK_VERIFY_TOKEN: SECRETS.verifyToken,
    WHATSAPP_API_BASE_URL: graph.url,
    WHATSAPP_SEND_RETRY_BUDGET_MS: '0',
  };
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', tsx, cli, 'call', '.', ...args], { cwd, env }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

describe('cli.ts call . (asterai component call .)', () => {
  it('sends with one shell argument per parameter and prints what asterai prints: the call, then the JSON result', async () => {
    const result = await call(['whatsapp/send-text', '"+1 555 010 9999"', '"hello from the shell"', 'false', 'null']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const [calling, output, ...rest] = result.stdout.trimEnd().split('\n');
    expect(calling).toBe('calling asterai:whatsapp function whatsapp/send-text');
    expect(rest).toEqual([]);
    const ids = JSON.parse(output!) as string[];
    expect(ids).toHaveLength(1);
    const { entries } = await graph.transcript(USER, { since: 0, waitMs: 2_000 });
    expect(entries).toContainEqual(expect.objectContaining({ wamid: ids[0], direction: 'outbound', text: 'hello from the shell' }));
  });

  it('prints a string result as it is, and takes booleans, records, variants inside records and options from their shell form', async () => {
    const message = await call(['api/send-message', 'plain words', '+15550109999']);
    expect(message.stdout).toMatch(/^calling asterai:whatsapp function api\/send-message\nwamid\.[\w=]+\n$/);
    const location = await call(['whatsapp/send-location', '"+15550109999"', '{"latitude":51.5014,"longitude":-0.1419,"name":"Buckingham Palace","address":null}', 'none']);
    expect(location.stdout).toMatch(/\n"?wamid\.[\w=]+"?\n$/);
    expect(location.stdout).not.toMatch(/"wamid/);
    const buttons = await call([
      'whatsapp/send-buttons',
      '"+15550109999"',
      '{"header":{"tag":"text","value":"Order #42"},"body":"Change or cancel?","footer":null}',
      '[{"id":"change","title":"Change"},{"id":"cancel","title":"Cancel"}]',
      '{"reply-to":null,"callback-data":"order-42"}',
    ]);
    expect(buttons.code).toBe(0);
    const sentButtons = (await graph.requests()).filter((r) => r.method === 'POST').at(-1)?.json;
    expect(sentButtons).toMatchObject({ interactive: { header: { type: 'text', text: 'Order #42' } }, biz_opaque_callback_data: 'order-42' });
    const self = await call(['whatsapp/get-self']);
    expect(JSON.parse(self.stdout.split('\n')[1]!)).toMatchObject({ name: 'Acme Support', 'user-id': null, username: null });
  });

  it('prints a send-error as the {"error": ...} value it is, with exit status 0', async () => {
    const result = await call(['whatsapp/send-text', '"not a number"', '"hi"', 'false', 'null']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout.split('\n')[1]!)).toMatchObject({ error: { kind: 'invalid-request', retryable: false } });
  });

  it.each([
    [['whatsapp/send-text', '"+15550109999"', '"hi"', 'false'], 'error: expected 4 argument(s), got 3'],
    [['whatsapp/send-text', '"+15550109999"', '"hi"', 'yes', 'null'], "error: failed to parse argument 'link-preview': expected bool"],
    [['whatsapp/send-text', '"+15550109999"', '"hi"', 'false', 'wamid.X'], "error: failed to parse argument 'options': expected JSON for option"],
    [['whatsapp/send-buttons', '"+15550109999"', '{"header":{"tag":"gif","value":"1"},"body":"Pick","footer":null}', '[{"id":"a","title":"A"}]', 'null'], "error: failed to parse argument 'content': unknown variant case 'gif'"],
    [['get-self'], "error: function 'get-self' is ambiguous, found in multiple interfaces: api/get-self, whatsapp/get-self. Use the full interface/function format."],
    [['whatsapp/send-fax'], 'error: function not found'],
  ])('refuses %j like asterai: %s, exit status 1', async (args, message) => {
    const result = await call(args);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(message);
  });

  it('says to build when the folder has no build/component.wasm', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'no-build-'));
    try {
      const result = await call(['whatsapp/get-self'], empty);
      expect(result).toMatchObject({ code: 1, stderr: `error: component not built yet (expected ${join(empty, 'build/component.wasm')}). Run: npm run build\n` });
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
