// The user's side of the sandbox: makes the emulator deliver a user's message to the webhook,
// then long-polls the emulator's transcript and shows it as it changes until the business has
// answered (or, with --watch, until the person stops typing).
import { createInterface } from 'node:readline';
import { EmulatorRefused, type EmulatorClient } from '../emulator/client.ts';
import type { FaultSpec, InboundSpec } from '../emulator/types.ts';
import { PhoneView, viewLines, type ViewChange } from './phone-view.ts';
import { NO_ANSWER_KINDS, parseWatchLine, UsageError, WATCH_HELP, type SimulateCommand } from './simulate-args.ts';
import type { SandboxState } from './state-file.ts';

export type Print = (line: string) => void;

/** How long the conversation must stay still, once every message has an answer, before we stop. */
const SETTLE_MS = 300;
/** ... and once some answer came, but fewer than the messages sent (a handler may answer a batch once). */
const QUIET_MS = 1_500;
const POLL_MS = 250;

/**
 * `send-failed`: no answer, but the business tried and the --fault made its send fail;
 * `delivered`: the webhook took something the agent is not expected to answer (an echo, an opt-out...).
 */
export type Outcome = 'answered' | 'send-failed' | 'no-answer' | 'refused' | 'delivered';

/** Sends the command's message and shows the conversation until the business has answered. */
export async function simulate(client: EmulatorClient, state: SandboxState, command: SimulateCommand, print: Print): Promise<Outcome> {
  const view = new PhoneView();
  const before = await client.transcript(command.user);
  view.remember(before.entries);
  let revision = before.revision;
  print(header(command, state));
  const faults = command.fault ? await FaultWatch.start(client, command.fault, print) : undefined;
  try {
    const started = Date.now();
    let sent: number;
    try {
      sent = await send(client, command.spec, print);
    } catch (error) {
      if (error instanceof SendRefused) return 'refused';
      throw error;
    }

    if (NO_ANSWER_KINDS.has(command.spec.kind ?? 'text')) {
      // Show what the user's phone shows of it (an echo is a message from the business), then stop.
      const page = await client.transcript(command.user, { since: revision, waitMs: POLL_MS });
      for (const line of viewLines(view.update(page.entries))) print(line);
      print(`Delivered (${command.spec.kind}). The agent is not expected to answer it; the sandbox log shows what it did with it.`);
      return 'delivered';
    }

    let answers = 0;
    let failedSends = 0;
    let firstAnswerAt: number | undefined;
    let lastChange = Date.now();
    const deadline = started + command.timeoutMs;
    while (Date.now() < deadline) {
      const page = await client.transcript(command.user, { since: revision, waitMs: Math.min(POLL_MS, deadline - Date.now()) });
      revision = page.revision;
      const changes = view.update(page.entries);
      const refused = faults ? await faults.newlyRefused() : [];
      for (const line of viewLines([...changes, ...refused])) print(line);
      if (changes.length > 0 || refused.length > 0) lastChange = Date.now();
      const answered = changes.filter((change) => change.answer).length;
      if (answered > 0) firstAnswerAt ??= Date.now();
      answers += answered;
      failedSends += refused.length;
      const still = Date.now() - lastChange;
      const settled = (answers >= sent && still >= SETTLE_MS) || (answers + failedSends > 0 && still >= QUIET_MS);
      if (settled && answers > 0) {
        print(footer(answers, (firstAnswerAt ?? Date.now()) - started, view.lastOffer));
        return 'answered';
      }
      if (settled) {
        print('No answer: the business tried, and its send failed as --fault asked. The sandbox log shows the error the agent got.');
        return 'send-failed';
      }
    }
    print(
      `No answer within ${Math.round(command.timeoutMs / 1000)} s. The sandbox's log (the terminal running \`npm start\`) ` +
        'shows what the component and the agent did with the message.',
    );
    return 'no-answer';
  } finally {
    await faults?.clear();
  }
}

/** --watch: follows the conversation and sends each line typed, until /quit, Ctrl-D or Ctrl-C. */
export async function watch(
  client: EmulatorClient,
  state: SandboxState,
  command: SimulateCommand,
  input: NodeJS.ReadableStream,
  print: Print,
): Promise<void> {
  const view = new PhoneView();
  const before = await client.transcript(command.user);
  view.remember(before.entries);
  print(header(command, state));
  const faults = command.fault ? await FaultWatch.start(client, command.fault, print) : undefined;
  print(WATCH_HELP);
  const stopped = new AbortController();
  const lines = createInterface({ input, terminal: false });

  const follow = (async () => {
    let revision = before.revision;
    while (!stopped.signal.aborted) {
      const page = await client.transcript(command.user, { since: revision, waitMs: 1_000 });
      revision = page.revision;
      const refused = faults ? await faults.newlyRefused() : [];
      for (const line of viewLines([...view.update(page.entries), ...refused])) print(line);
    }
  })().catch((error: unknown) => {
    print(`Lost the sandbox (${(error as Error).message}): was it stopped?`);
    stopped.abort();
    lines.close();
  });

  const { from, name, userId, phoneHidden, username, groupId } = command.spec;
  const identity: Partial<InboundSpec> = Object.fromEntries(Object.entries({ from, name, userId, phoneHidden, username, groupId }).filter(([, value]) => value !== undefined));
  for await (const line of lines) {
    let parsed: ReturnType<typeof parseWatchLine>;
    try {
      parsed = parseWatchLine(line);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      print(error.message);
      continue;
    }
    if (parsed === 'nothing') continue;
    if (parsed === 'help') print(WATCH_HELP);
    if (parsed === 'quit') break;
    if (typeof parsed === 'object') {
      const spec: InboundSpec = { ...identity, kind: parsed.kind, ...parsed.fields };
      await send(client, spec, print).catch((error: unknown) => {
        if (!(error instanceof SendRefused)) throw error;
      });
    }
  }
  lines.close();
  if (!stopped.signal.aborted) {
    stopped.abort();
    await follow;
    await faults?.clear();
  }
}

class SendRefused extends Error {}

/** Delivers the user's message; returns how many messages it carried. Prints why when it could not. */
async function send(client: EmulatorClient, spec: InboundSpec, print: Print): Promise<number> {
  let result;
  try {
    result = await client.inbound(spec);
  } catch (error) {
    if (!(error instanceof EmulatorRefused) || error.status !== 400) throw error;
    print(`The emulator cannot send that: ${error.reason ?? error.message}${hintFor(spec)}`);
    throw new SendRefused();
  }
  const { delivery } = result;
  if (delivery.status === undefined || delivery.status >= 300) {
    print(
      `The webhook did not accept the delivery: ${delivery.error ?? `${delivery.status} ${JSON.stringify(delivery.response ?? '')}`}. ` +
        'Is the sandbox still running? Its log says more.',
    );
    throw new SendRefused();
  }
  return result.messages.length;
}

function hintFor(spec: InboundSpec): string {
  if (spec.kind === 'button-reply' || spec.kind === 'list-reply') {
    return '\nAsk for something to tap first: npm run simulate -- "menu" (the example agent answers it with buttons).';
  }
  if (spec.kind === 'reaction') return '\nA reaction needs a message from the business to react to: write to it first.';
  return '';
}

function header(command: SimulateCommand, state: SandboxState): string {
  const { spec } = command;
  const id = spec.phoneHidden ? `${spec.username ?? '@sandbox.user'}, user id ${spec.userId}, no phone number` : `+${spec.from}`;
  const who = `${spec.name ?? 'Sandbox User'} (${id})`;
  const where = spec.groupId === undefined ? '' : ` in the group ${spec.groupId}`;
  if (spec.kind === 'echo') return `Someone at the business writes to ${who} from the WhatsApp Business app${where} (webhook ${state.webhookUrl}):`;
  return `${who} writes to the business${where} through the sandbox (webhook ${state.webhookUrl}):`;
}

function footer(answers: number, afterMs: number, offer: 'buttons' | 'list' | undefined): string {
  const seconds = (afterMs / 1000).toFixed(1);
  const kind = offer === 'buttons' ? 'button-reply' : 'list-reply';
  const tap = offer ? `\nTap one: npm run simulate -- --kind ${kind} --option 1   (2 for the second, ...)` : '';
  return `${answers === 1 ? 'Answered' : `${answers} answers`} in ${seconds} s.${tap}`;
}

/** A fault queued for this run: reports the sends it refused, and is cleared at the end. */
class FaultWatch {
  private constructor(
    private readonly client: EmulatorClient,
    private readonly fault: FaultSpec,
    private seenSeq: number,
  ) {}

  static async start(client: EmulatorClient, fault: FaultSpec, print: Print): Promise<FaultWatch> {
    const requests = await client.requests();
    const watch = new FaultWatch(client, fault, requests.reduce((max, request) => Math.max(max, request.seq), 0));
    await client.addFaults(fault);
    const times = fault.times === 'always' ? 'every send' : fault.times === 1 || fault.times === undefined ? 'the next send' : `the next ${fault.times} sends`;
    print(`Fault: ${times} of the business fails with Graph ${describeFault(fault)} (read receipts pass).`);
    return watch;
  }

  /** The sends refused since last asked, as changes of the conversation (not answers). */
  async newlyRefused(): Promise<ViewChange[]> {
    const requests = await this.client.requests();
    const refused = requests.filter((request) => request.seq > this.seenSeq && request.fault !== undefined);
    this.seenSeq = requests.reduce((max, request) => Math.max(max, request.seq), this.seenSeq);
    return refused.map((request) => ({
      at: Date.parse(request.time),
      source: 'business',
      text: `✗ tried to answer; the Graph API refused the send with ${describeFault(request.fault ?? this.fault)} (--fault)`,
      answer: false,
    }));
  }

  async clear(): Promise<void> {
    await this.client.clearFaults();
  }
}

function describeFault(fault: FaultSpec): string {
  if (fault.graphError !== undefined) return `error ${typeof fault.graphError === 'number' ? fault.graphError : fault.graphError.code}`;
  return `HTTP ${fault.status}`;
}
