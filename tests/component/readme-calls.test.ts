// The README's `asterai env call` examples, one per function of the `whatsapp` interface: each
// line's shell arguments read by asterai's rules for `env call` (src/host/json-abi/cli-arguments.ts),
// then called on the BUILT component against the Graph emulator, where none may break one of the
// component's own rules (a refusal before any request is an `invalid-request` with code 0).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPONENTS, componentFiles } from '../../scripts/lib/components.ts';
import { startEmulator, type RunningEmulator } from '../../src/emulator/spawn.ts';
import { cliArgumentsToJson } from '../../src/host/json-abi/cli-arguments.ts';
import { loadWitDirectory } from '../../src/host/wit/load-directory.ts';
import { SECRETS, TestEnvironment } from '../support/harness.ts';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const block = readme.split('<!-- env-call-examples')[1]?.split('<!-- env-call-examples:end -->')[0] ?? '';
const whatsapp = loadWitDirectory(componentFiles(COMPONENTS.whatsapp).wit).findInterface('asterai:whatsapp/whatsapp@0.3.0')!;

/** The words of a shell line whose arguments are bare or in single quotes (as the README writes them). */
function shellWords(line: string): string[] {
  return [...line.matchAll(/'([^']*)'|(\S+)/g)].map((match) => match[1] ?? match[2]!);
}

const EXAMPLES = block
  .split('\n')
  .filter((line) => line.startsWith('asterai env call '))
  .map((line) => {
    const [, , , , component, fn, ...args] = shellWords(line);
    return { line, component, fn: fn!, args };
  });

let graph: RunningEmulator;
let t: TestEnvironment;

beforeAll(async () => {
  graph = await startEmulator({ accessToken: SECRETS.accessToken, phoneNumberId: SECRETS.phoneNumberId, statusDelayMs: -1 });
  t = await TestEnvironment.start({ recorders: [], env: { WHATSAPP_API_BASE_URL: graph.url, WHATSAPP_SEND_RETRY_BUDGET_MS: '0' } });
});
afterAll(async () => {
  await t?.stop();
  await graph?.stop();
});

describe("the README's asterai env call examples", () => {
  it('show every function of the whatsapp interface, on asterai:whatsapp', () => {
    expect(new Set(EXAMPLES.map((example) => example.fn))).toEqual(new Set(whatsapp.functions.map((fn) => `whatsapp/${fn.name}`)));
    for (const example of EXAMPLES) expect(example.component).toBe('asterai:whatsapp');
  });

  it.each(EXAMPLES)('$fn: its arguments parse as asterai parses them, and pass every rule', ({ fn, args }) => {
    const signature = whatsapp.functions.find((candidate) => `whatsapp/${candidate.name}` === fn)!;
    const json = cliArgumentsToJson(signature.params, args);
    const result = t.result(fn, json) as { error?: { kind: string; code: number; message: string } } | null;
    if (result?.error) {
      // Only Graph may refuse it (an example's media id is not in the emulator), never a rule of ours.
      expect(result.error.code, result.error.message).not.toBe(0);
    }
  });
});
