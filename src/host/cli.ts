// Command line for the Node host (npx tsx src/host/cli.ts ...), shaped like the asterai CLI:
//
//   serve --env acme/support --component asterai:whatsapp=build/component.wasm[:wit] ... \
//         [--port 8080] [--host 127.0.0.1] [--allow-dir DIR] [--env-file .env] [--var KEY=VALUE] [--long-lived]
//   call  --env acme/support --component ... <component> <interface/function> <args-json>
//   call  [--env-file .env] [--var KEY=VALUE]... [--allow-dir DIR]... . <interface/function> <arg>...
// The last form is `asterai component call .` (see component-call.ts): the project in the current
// folder, the shell's environment, one shell argument per parameter, and the same output.
import { readFileSync } from 'node:fs';
import { parseArgs, parseEnv } from 'node:util';
import { ComponentCallError, componentCall } from './component-call.ts';
import { Environment, type ComponentSource, type EnvironmentOptions } from './environment.ts';

const USAGE = `usage:
  cli.ts serve --env <ns/name> --component <ns:name>=<file.wasm>[:<wit-dir>] ... [--port N] [--host H]
               [--allow-dir DIR]... [--env-file FILE] [--var KEY=VALUE]... [--long-lived]
  cli.ts call  --env <ns/name> --component ... <ns:name> <interface/function> <args-json>
  cli.ts call  [--env-file FILE] [--var KEY=VALUE]... [--allow-dir DIR]... . <interface/function> [<arg>...]
The WIT directory defaults to ./wit. \`call .\` runs build/component.wasm of the current folder as
\`asterai component call .\` does: one argument per parameter ('"+15550102030"' '"hi"' 'null').`;

const OPTIONS = {
  env: { type: 'string' },
  component: { type: 'string', multiple: true },
  port: { type: 'string' },
  host: { type: 'string' },
  'allow-dir': { type: 'string', multiple: true },
  'env-file': { type: 'string' },
  var: { type: 'string', multiple: true },
  'long-lived': { type: 'boolean' },
  help: { type: 'boolean' },
} as const;

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  // After `call ... .` come the function and its arguments, verbatim (`-0.1419` is an argument).
  const projectAt = argv[0] === 'call' ? argv.indexOf('.') : -1;
  const { values, positionals } = parseArgs({ args: projectAt === -1 ? argv : argv.slice(0, projectAt), options: OPTIONS, allowPositionals: true });
  if (projectAt !== -1) return callProject(values, positionals.slice(1), argv.slice(projectAt + 1));
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const options = environmentOptions(values);
  if (command === 'serve') return serve(options, values.port, values.host);
  if (command === 'call') return call(options, rest);
  throw new UsageError(`unknown command '${command}'`);
}

async function serve(options: EnvironmentOptions, port = '0', host = '127.0.0.1'): Promise<number> {
  const environment = await Environment.load(options);
  for (const outcome of environment.run().outcomes) {
    console.log(`run ${outcome.component}: ${outcome.status}${outcome.message ? ` (${outcome.message})` : ''}`);
  }
  const { url } = await environment.listen(Number(port), host);
  console.log(`environment ${options.namespace}/${options.name} listening on ${url}`);
  for (const component of environment.components) {
    const http = component.exports.some((name) => name.startsWith('wasi:http/incoming-handler@'));
    const where = http ? new URL(environment.httpPath(component.name), url).href : '(no wasi:http/incoming-handler)';
    console.log(`  ${component.name}@${component.version}  ${where}`);
  }
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await environment.close();
  console.log('stopped');
  return 0;
}

async function call(options: EnvironmentOptions, args: string[]): Promise<number> {
  const [component, functionName, argsJson] = args;
  if (!component || !functionName || argsJson === undefined || args.length > 3) {
    throw new UsageError('call takes <component> <interface/function> <args-json>');
  }
  const environment = await Environment.load(options);
  const outcome = environment.call(component, functionName, argsJson);
  await environment.close();
  if ('ok' in outcome) {
    console.log(outcome.ok);
    return 0;
  }
  console.error(`${outcome.err.kind}: ${outcome.err.message}`);
  return 1;
}

async function callProject(values: ParsedValues, before: string[], rest: string[]): Promise<number> {
  const [functionName, ...args] = rest;
  if (before.length > 0 || !functionName) throw new UsageError('call . takes <interface/function> [<arg>...] after the options');
  if (values.env || values.component) throw new UsageError('call . runs the component of the current folder: --env and --component do not apply');
  const shell = Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined));
  try {
    await componentCall({
      dir: process.cwd(),
      functionName,
      args,
      env: { ...shell, ...envFile(values['env-file']), ...Object.fromEntries((values.var ?? []).map(keyValue)) },
      allowDirs: values['allow-dir'] ?? [],
      print: (line) => console.log(line),
    });
    return 0;
  } catch (error) {
    if (!(error instanceof ComponentCallError)) throw error;
    console.error(`error: ${error.message}`);
    return 1;
  }
}

type ParsedValues = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

function environmentOptions(values: ParsedValues): EnvironmentOptions {
  const [namespace, name, ...extra] = (values.env ?? '').split('/');
  if (!namespace || !name || extra.length > 0) throw new UsageError('--env must be <namespace>/<name>, e.g. acme/support');
  const components = (values.component ?? []).map(componentSource);
  if (components.length === 0) throw new UsageError('at least one --component <ns:name>=<file.wasm> is needed');
  return {
    namespace,
    name,
    components,
    env: { ...envFile(values['env-file']), ...Object.fromEntries((values.var ?? []).map(keyValue)) },
    allowDirs: values['allow-dir'] ?? [],
    instancePerRequest: !values['long-lived'],
  };
}

/** `asterai:whatsapp=build/component.wasm` or `...=build/component.wasm:path/to/wit`. */
function componentSource(spec: string): ComponentSource {
  const [name, location] = keyValue(spec);
  const witAt = location.indexOf('.wasm:');
  const wasm = witAt === -1 ? location : location.slice(0, witAt + '.wasm'.length);
  const wit = witAt === -1 ? 'wit' : location.slice(witAt + '.wasm:'.length);
  return { name, wasm, wit };
}

function keyValue(spec: string): [string, string] {
  const equals = spec.indexOf('=');
  if (equals <= 0) throw new UsageError(`expected KEY=VALUE, got '${spec}'`);
  return [spec.slice(0, equals), spec.slice(equals + 1)];
}

function envFile(path: string | undefined): Record<string, string> {
  if (!path) return {};
  const parsed = parseEnv(readFileSync(path, 'utf8'));
  return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof UsageError ? `${error.message}\n${USAGE}` : error);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
