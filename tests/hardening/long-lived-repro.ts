// Checks the signature path against the WebCrypto defects of README.md here ("Signatures on a
// long-lived instance"): one long-lived instance of the component is sent the same validly
// signed POST many times at concurrency 16. Prints how many were refused (401), where, and
// whether the refusals are isolated (a check that failed once) or one unbroken run to the end
// (a key that went bad for good); exits 1 if any.
//
//   npx tsx tests/hardening/long-lived-repro.ts [count]     (default 25,000: ~2 minutes)
import { countingCalls, startBenchEnvironment } from '../../scripts/bench/lib/bench-environment.ts';
import { startLoadClient, webhookPost } from '../../scripts/bench/lib/load.ts';
import { messagesPayload } from '../../scripts/bench/lib/payloads.ts';

const count = Number(process.argv[2] ?? 25_000);
const { guestCalls } = countingCalls();
const environment = await startBenchEnvironment({ instancePerRequest: false, guestCalls });
const client = await startLoadClient();
const payload = messagesPayload(1, 'repro');
const result = await client.run({
  origin: environment.origin,
  requests: [webhookPost(environment.webhookPath, payload.body, payload.signature)],
  count,
  concurrency: 16,
});
const refused = result.statuses.flatMap((status, i) => (status === 200 ? [] : [i]));
// The unbroken run of refusals that lasts to the end, if any: a key that went bad for good.
let runStart = refused.at(-1) === count - 1 ? refused.length - 1 : refused.length;
while (runStart > 0 && refused[runStart - 1] === (refused[runStart] as number) - 1) runStart--;
const isolated = refused.slice(0, runStart);
const forGood = refused.length - runStart > 1 ? refused[runStart] : undefined;
console.log(`${count} valid POSTs to one long-lived instance: ${refused.length} refused`);
if (isolated.length > 0) console.log(`  ${isolated.length} isolated (accepted again right after): ${isolated.slice(0, 10).join(', ')}${isolated.length > 10 ? ', ...' : ''}`);
if (forGood !== undefined) console.log(`  every one from #${forGood} on (${refused.length - runStart}): the key went bad for good`);
for (const line of new Set(environment.errors)) console.log(`  ${line}`);
await client.stop();
await environment.close();
process.exit(refused.length > 0 ? 1 : 0);
