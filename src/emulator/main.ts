// The emulator's command line: read options, serve, print one JSON line when listening, and
// stop cleanly on SIGTERM/SIGINT. Everything it does is in emulator.ts.
import { createEmulator } from './emulator.ts';
import { serve } from './http-server.ts';
import { readOptions, usage } from './options.ts';

/** Cloud API media can reach 100 MB (documents); leave room for the multipart framing. */
const MAX_BODY_BYTES = 110 * 1024 * 1024;

async function main(): Promise<void> {
  // spawn.ts keeps our stdin as a pipe it never writes: when its process dies, the pipe closes
  // and we stop too, so a crashed test run leaves no emulator behind.
  const exitOnStdinClose = process.argv.includes('--exit-on-stdin-close');
  const argv = process.argv.slice(2).filter((argument) => argument !== '--exit-on-stdin-close');
  if (argv.includes('--help')) {
    process.stdout.write(`${usage()}\n`);
    return;
  }
  let options;
  try {
    options = readOptions(argv, process.env);
  } catch (error) {
    process.stderr.write(`emulator: ${(error as Error).message}\n\n${usage()}\n`);
    process.exitCode = 2;
    return;
  }

  const reportError = (error: unknown): void => {
    process.stderr.write(`emulator: ${(error as Error)?.stack ?? String(error)}\n`);
  };
  const writeEvent = (line: string): void => {
    process.stderr.write(`${line}\n`);
  };
  const emulator = createEmulator(options, reportError, options.logEvents ? writeEvent : undefined);
  const server = await serve(emulator.handle, {
    host: options.host,
    port: options.port,
    maxBodyBytes: MAX_BODY_BYTES,
    onError: reportError,
  });
  let stopping = false;
  const stop = (reason: string): void => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`emulator: ${reason}, stopping\n`);
    if (exitOnStdinClose) process.stdin.destroy();
    void Promise.all([emulator.close(), server.close()]).then(() => {
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
    });
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  if (exitOnStdinClose) {
    process.stdin.on('end', () => stop('stdin closed')).on('error', () => stop('stdin failed')).resume();
  }
  // Last: whoever reads this line may signal us at once, so the handlers must be in place.
  process.stdout.write(`${JSON.stringify({ event: 'listening', url: server.url })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`emulator: ${(error as Error)?.stack ?? String(error)}\n`);
  process.exitCode = 1;
});
