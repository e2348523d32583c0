// Reproduces the open finding of README.md here: a long-lived instance of the component refuses
// a validly signed POST with 401 "signature mismatch" now and then (the HMAC key bytes are
// collected before StarlingMonkey's importKey reads them). Fresh instances of the same
// component serve the same POSTs alongside, for comparison. Prints what it saw; exits 1 if any
// valid POST was refused. REPRO_TAG=<text> changes the payload (and where it happens).
//
//   npx tsx tests/hardening/long-lived-repro.ts [requests]          (default 300 of each)
import { countingCalls, startBenchEnvironment } from '../../scripts/bench/lib/bench-environment.ts';
import { messagesPayload } from '../../scripts/bench/lib/payloads.ts';

const requests = Number(process.argv[2] ?? 300);
const { guestCalls } = countingCalls();
const fresh = await startBenchEnvironment({ instancePerRequest: true, guestCalls });
const longLived = await startBenchEnvironment({ instancePerRequest: false, guestCalls });
const payload = messagesPayload(1, process.env.REPRO_TAG ?? 'repro');

async function post(environment: typeof fresh): Promise<number> {
  const res = await fetch(`${environment.origin}${environment.webhookPath}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': payload.signature },
    body: payload.body.toString('utf8'),
  });
  await res.text();
  return res.status;
}

const refused: string[] = [];
for (let i = 0; i < requests; i++) {
  const a = await post(fresh);
  if (a !== 200) refused.push(`fresh #${i}: ${a}`);
  const b = await post(longLived);
  if (b !== 200) refused.push(`long-lived #${i}: ${b}`);
}
console.log(`${requests} valid POSTs to each; refused: ${refused.length ? refused.join(', ') : 'none'}`);
for (const line of longLived.errors.filter((l) => !l.includes('dispatched'))) console.log(line);
await fresh.close();
await longLived.close();
process.exit(refused.length ? 1 : 0);
