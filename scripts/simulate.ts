// `npm run simulate -- "hello"`: writes to the running sandbox (`npm start` without
// WHATSAPP_ACCESS_TOKEN) as a WhatsApp user and prints the conversation until the business
// answers. `--help` lists the options; src/sandbox/ does the work.
import { emulatorClient } from '../src/emulator/client.ts';
import { parseSimulateArgs, USAGE, UsageError } from '../src/sandbox/simulate-args.ts';
import { simulate, watch } from '../src/sandbox/simulator.ts';
import { findSandbox, NoSandbox } from '../src/sandbox/state-file.ts';

const print = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

try {
  const command = parseSimulateArgs(process.argv.slice(2));
  if (command === 'help') {
    print(USAGE);
  } else {
    const sandbox = await findSandbox();
    const client = emulatorClient(sandbox.emulatorUrl);
    if (command.watch) {
      await watch(client, sandbox, command, process.stdin, print);
    } else {
      const outcome = await simulate(client, sandbox, command, print);
      // A send that failed as --fault asked is what the person wanted to see; so is something
      // the agent is not expected to answer, once the webhook took it.
      if (outcome !== 'answered' && outcome !== 'send-failed' && outcome !== 'delivered') process.exitCode = 1;
    }
  }
} catch (error) {
  if (error instanceof UsageError) {
    process.stderr.write(`${error.message}\n\n${USAGE}\n`);
    process.exitCode = 2;
  } else if (error instanceof NoSandbox) {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 1;
  } else {
    throw error;
  }
}
