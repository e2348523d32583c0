// `npm start` without credentials and `npm run simulate`, as a person runs them: the sandbox as
// a child process (the emulator its own grandchild), a user message through the simulator, the
// example agent's answer in the emulator's transcript and its status log, a --fault run, and a
// clean stop. Ports are free ones (PORT=0); the state file is the test's own.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulatorClient } from '../../src/emulator/client.ts';
import { processExists, readState, type SandboxState } from '../../src/sandbox/state-file.ts';
import { refusesConnections, run, waitFor, type Command } from './support/processes.ts';

let dir: string;
let env: Record<string, string>;
let sandbox: Command;
let state: SandboxState;

/** The sandbox log: the components' lines and the emulator's conversation lines. */
const log = () => sandbox.stdout();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'whatsapp-sandbox-test-'));
  // An empty token means "not set" even when a developer's .env sets one.
  env = { PORT: '0', SANDBOX_STATE_FILE: join(dir, 'sandbox.json'), WHATSAPP_ACCESS_TOKEN: '' };
  sandbox = run('start', [], env);
  await waitFor('the sandbox to be ready', () => log().includes('Ready.'), 60_000, () => log() + sandbox.stderr());
  const written = readState(env.SANDBOX_STATE_FILE!);
  if (!written) throw new Error('the sandbox is ready but wrote no state file');
  state = written;
});

afterAll(async () => {
  if (sandbox && sandbox.child.exitCode === null && sandbox.child.signalCode === null) sandbox.child.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

describe('npm start without WHATSAPP_ACCESS_TOKEN', () => {
  it('says what runs and what to do next', () => {
    expect(log()).toContain('starting the local sandbox');
    // The URL README.md gives for the sandbox's webhook (on a free port here).
    expect(log()).toMatch(/webhook\s+http:\/\/127\.0\.0\.1:\d+\/local\/whatsapp\/asterai\/whatsapp\/webhook/);
    expect(log()).toMatch(/setup check\s+ok/);
    expect(log()).toContain('npm run simulate -- "hello"');
    expect(state.webhookUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/local\/whatsapp\/asterai\/whatsapp\/webhook$/);
  });

  it('answers a user through the example agent, and the statuses reach the agent', async () => {
    const simulate = run('simulate', ['hello'], env);
    expect(await simulate.exited).toBe(0);
    expect(simulate.stdout()).toMatch(/you\s+hello\n/);
    expect(simulate.stdout()).toMatch(/business\s+read your message, typing…/);
    expect(simulate.stdout()).toMatch(/business\s+You said: hello\n/);
    expect(simulate.stdout()).toMatch(/Answered in \d+\.\d s\./);

    // The emulator's transcript: the user's message read (with typing), the agent's reply quoting it.
    const emulator = emulatorClient(state.emulatorUrl);
    const { entries } = await emulator.transcript('16505551234');
    const question = entries.find((entry) => entry.direction === 'inbound' && entry.text === 'hello');
    const answer = entries.find((entry) => entry.direction === 'outbound' && entry.text === 'You said: hello');
    expect(question).toMatchObject({ status: 'read', typing: true });
    expect(answer).toMatchObject({ kind: 'text', replyTo: question?.wamid });

    // sent, delivered, read: each accepted by the webhook and logged by the agent, one line each.
    const tail = answer!.wamid.slice(-12);
    for (const mark of ['✓ sent', '✓✓ delivered', '✓✓ read']) {
      await waitFor(`the agent's "${mark}" line`, () => log().includes(`example:agent     ${mark} wamid…${tail} to 16505551234`), 5_000, log);
    }
    const statuses = (await emulator.deliveries()).filter((delivery) => delivery.kind === 'statuses' && delivery.body.includes(answer!.wamid));
    expect(statuses.map((delivery) => delivery.status)).toEqual([200, 200, 200]);

    // The flow, one readable line per step, in order.
    const steps = [
      /user → business\s+16505551234: hello\n/,
      /webhook\s+1 message, signed with the app secret → 200 accepted/,
      /business\s+read "hello", typing…/,
      /business → user\s+16505551234: You said: hello\n/,
      /example:agent\s+answered Sandbox User: "You said: hello"/,
      /asterai:whatsapp\s+message wamid…\S+ \(text\) dispatched to example:agent/,
    ];
    const positions = steps.map((step) => log().search(step));
    expect(positions.every((position) => position >= 0), log()).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    // The component's routine "status ... dispatched" lines are left to the agent's own.
    expect(log()).not.toMatch(/status sent of \S+ dispatched/);
  });

  it('with a --fault on the sends, the agent logs the typed error it got, and answers window-closed with a template', async () => {
    const simulate = run('simulate', ['--fault', '131047', 'are you there?'], env);
    expect(await simulate.exited).toBe(0);
    expect(simulate.stdout()).toContain('Fault: the next send of the business fails with Graph error 131047 (read receipts pass).');
    expect(simulate.stdout()).toMatch(/business\s+✗ tried to answer; the Graph API refused the send with error 131047/);
    expect(simulate.stdout()).toMatch(/business\s+\[template\] hello_world \(en_US\)\n/);
    await waitFor('the agent to log the error', () => log().includes('sent Sandbox User the template hello_world instead'), 5_000, log);
    expect(log()).toMatch(
      /example:agent\s+could not answer Sandbox User \(text wamid…\S+\): send-text failed: window-closed \(Graph code 131047, HTTP 400, not retryable, trace \S+\): \(#131047\) Re-engagement message/,
    );
    // The fault was for this run only.
    const pending = await (await fetch(`${state.emulatorUrl}/_emulator/faults`)).json();
    expect(pending).toEqual({ pending: [] });
  });

  it('greets a user who opens the chat, with the welcome offer', async () => {
    const simulate = run('simulate', ['--from', '+1 650 555 0001', '--kind', 'welcome'], env);
    expect(await simulate.exited).toBe(0);
    expect(simulate.stdout()).toMatch(/business\s+\[buttons\] Welcome, Sandbox User! I am the example agent\. Today only: 10% off .*WELCOME10/);
  });

  it('answers a message written in a group in the group', async () => {
    const group = 'Y2FwaV9ncm91cDoxNzA1NTU1MDEzOToxMjAzNjM0MDQ2OTQyMzM4MjAZD';
    const simulate = run('simulate', ['--group', group, 'hello group'], env);
    expect(await simulate.exited).toBe(0);
    const { entries } = await emulatorClient(state.emulatorUrl).transcript(group);
    expect(entries.find((entry) => entry.direction === 'outbound')).toMatchObject({ text: 'You said: hello group', status: expect.any(String) });
    const [send] = (await emulatorClient(state.emulatorUrl).requests()).filter((r) => (r.json as { text?: { body: string } } | undefined)?.text?.body === 'You said: hello group');
    expect(send?.json).toMatchObject({ recipient_type: 'group', to: group });
  });

  it('answers a user who shows no phone number at their user id', async () => {
    const simulate = run('simulate', ['--from-user-id', 'AR.1502576394655843', '--username', '@pablo.m', '--name', 'Pablo M.', 'hola'], env);
    expect(await simulate.exited).toBe(0);
    expect(simulate.stdout()).toContain('Pablo M. (@pablo.m, user id AR.1502576394655843, no phone number) writes to the business');
    expect(simulate.stdout()).toMatch(/business\s+You said: hola\n/);
    const [send] = (await emulatorClient(state.emulatorUrl).requests()).filter((r) => (r.json as { text?: { body: string } } | undefined)?.text?.body === 'You said: hola');
    expect(send?.json).toMatchObject({ recipient: 'AR.1502576394655843' });
    expect(send?.json).not.toHaveProperty('to');
  });

  it('keeps quiet in a chat where someone at the business answers from the WhatsApp Business app', async () => {
    const user = ['--from', '+44 7700 900777', '--name', 'Ada'];
    const echo = run('simulate', [...user, '--kind', 'echo', 'Hi Ada, Ana here: I will take it from here.'], env);
    expect(await echo.exited).toBe(0);
    expect(echo.stdout()).toMatch(/business \(app\)\s+Hi Ada, Ana here/);
    await waitFor('the agent to note the echo', () => log().includes('someone at the business wrote to 447700900777 from the WhatsApp Business app'), 5_000, log);
    const message = run('simulate', [...user, '--timeout', '3', 'thanks!'], env);
    expect(await message.exited).toBe(1);
    expect(message.stdout()).toContain('No answer within 3 s.');
    await waitFor('the agent to say why', () => log().includes('Ada: text'), 5_000, log);
    expect(log()).toMatch(/example:agent\s+Ada: text wamid…\S+, not answered: someone at the business is answering this chat/);
  });

  it('sends no offer to a user who stopped marketing messages', async () => {
    const user = ['--from', '+351 912 345 678', '--name', 'Rui'];
    const optOut = run('simulate', [...user, '--kind', 'opt-out'], env);
    expect(await optOut.exited).toBe(0);
    expect(optOut.stdout()).toContain('Delivered (opt-out). The agent is not expected to answer it');
    await waitFor('the agent to note the opt-out', () => log().includes('Rui stopped marketing messages'), 5_000, log);
    const welcome = run('simulate', [...user, '--kind', 'welcome'], env);
    expect(await welcome.exited).toBe(0);
    expect(welcome.stdout()).toMatch(/business\s+\[buttons\] Welcome, Rui! I am the example agent\. What would you like to try\?/);
    expect(welcome.stdout()).not.toContain('WELCOME10');
  });

  it('stops cleanly on Ctrl-C: no process left, ports freed, state file removed', async () => {
    sandbox.child.kill('SIGINT');
    expect(await sandbox.exited).toBe(0);
    expect(log()).toContain('sandbox stopped');
    expect(processExists(state.pid)).toBe(false);
    expect(processExists(state.emulatorPid)).toBe(false);
    expect(await refusesConnections(state.webhookUrl)).toBe(true);
    expect(await refusesConnections(`${state.emulatorUrl}/_emulator/health`)).toBe(true);
    expect(readState(env.SANDBOX_STATE_FILE!)).toBeUndefined();

    const late = run('simulate', ['hello?'], env);
    expect(await late.exited).toBe(1);
    expect(late.stderr()).toContain('No sandbox is running');
  });
});
