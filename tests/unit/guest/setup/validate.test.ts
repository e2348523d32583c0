import { describe, expect, it } from 'vitest';
import { readSettings } from '../../../../src/guest/core/config.ts';
import type { Log } from '../../../../src/guest/ports/log.ts';
import { validateSetup, type Registry } from '../../../../src/guest/setup/validate.ts';

/** The setup check of an environment, as `run` makes it. */
function validate(env: Record<string, string>, registry: Registry, lines: Log): string[] {
  return validateSetup(readSettings(env), registry, lines);
}

const complete = {
  WHATSAPP_ACCESS_TOKEN: 't',
  WHATSAPP_PHONE_NUMBER_ID: '1',
  WHATSAPP_APP_SECRET: 's',
  WHATSAPP_WEBHOOK_VERIFY_TOKEN: 'v',
};

function log(): Log & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (t) => lines.push(`info ${t}`), warn: (t) => lines.push(`warn ${t}`), error: (t) => lines.push(`error ${t}`) };
}

const registry = {
  components: new Map<string, string[]>([
    ['acme:agent', ['asterai:whatsapp/incoming-handler@0.3.0']],
    ['acme:previous', ['asterai:whatsapp/incoming-handler@0.2.0']],
    ['acme:legacy', ['asterai:whatsapp/incoming-handler@0.1.0']],
    ['acme:other', ['acme:other/api@1.0.0']],
    ['acme:desk', ['asterai:whatsapp/echo-handler@0.3.0', 'asterai:whatsapp/preference-handler@0.3.0', 'asterai:whatsapp/event-handler@0.3.0']],
  ]),
  exists(name: string) {
    return this.components.has(name);
  },
  implementsInterface(name: string, iface: string) {
    return this.components.get(name)?.includes(iface) ?? false;
  },
  openStateDir(dir: string) {
    if (dir !== '/granted') throw new Error(`WHATSAPP_STATE_DIR is ${dir}, which the environment does not grant`);
    return {};
  },
};

describe('validateSetup', () => {
  it('accepts handlers implementing 0.3.0, 0.2.0 or 0.1.0', () => {
    const env = { ...complete, WHATSAPP_INCOMING_HANDLER_COMPONENTS: 'acme:agent,acme:previous,acme:legacy' };
    expect(validate(env, registry, log())).toEqual([]);
  });

  it('checks the echo, preference and event handler lists like the others: each exists and exports its interface', () => {
    const ok = { ...complete, WHATSAPP_ECHO_HANDLER_COMPONENTS: 'acme:desk', WHATSAPP_PREFERENCE_HANDLER_COMPONENTS: 'acme:desk', WHATSAPP_EVENT_HANDLER_COMPONENTS: 'acme:desk' };
    expect(validate(ok, registry, log())).toEqual([]);
    const wrong = { ...complete, WHATSAPP_ECHO_HANDLER_COMPONENTS: 'acme:agent', WHATSAPP_PREFERENCE_HANDLER_COMPONENTS: 'acme:gone', WHATSAPP_EVENT_HANDLER_COMPONENTS: 'acme:other' };
    expect(validate(wrong, registry, log())).toEqual([
      'WHATSAPP_ECHO_HANDLER_COMPONENTS names "acme:agent", which does not export asterai:whatsapp/echo-handler@0.3.0',
      'WHATSAPP_PREFERENCE_HANDLER_COMPONENTS names "acme:gone", but no such component is in the environment',
      'WHATSAPP_EVENT_HANDLER_COMPONENTS names "acme:other", which does not export asterai:whatsapp/event-handler@0.3.0',
    ]);
  });

  it('names every missing required variable, one problem each, in table order', () => {
    const env = { WHATSAPP_PHONE_NUMBER_ID: '1' };
    const lines = log();
    const problems = validate(env, registry, lines);
    expect(problems.map((p) => p.split(' ')[0])).toEqual(['WHATSAPP_ACCESS_TOKEN', 'WHATSAPP_APP_SECRET', 'WHATSAPP_WEBHOOK_VERIFY_TOKEN']);
    expect(problems.join('\n')).not.toContain('WHATSAPP_PHONE_NUMBER_ID');
    expect(lines.lines.filter((l) => l.startsWith('error'))).toHaveLength(3);
  });

  it('reports an invalid value with the variable and the value', () => {
    const env = { ...complete, WHATSAPP_API_VERSION: '25' };
    const problems = validate(env, registry, log());
    expect(problems).toEqual([expect.stringMatching(/^WHATSAPP_API_VERSION .*"25"/)]);
  });

  it('says which handler is missing and which does not implement the interface', () => {
    const env = { ...complete, WHATSAPP_INCOMING_HANDLER_COMPONENTS: 'acme:agent,acme:ghost,acme:other' };
    const lines = log();
    const problems = validate(env, registry, lines);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/acme:ghost.*no such component/);
    expect(problems[1]).toMatch(/acme:other.*does not export asterai:whatsapp\/incoming-handler@0\.3\.0/);
    expect(lines.lines.filter((l) => l.startsWith('error'))).toHaveLength(2);
  });

  it('warns that redeliveries reach handlers twice without WHATSAPP_STATE_DIR', () => {
    const lines = log();
    expect(validate(complete, registry, lines)).toEqual([]);
    expect(lines.lines.find((l) => l.startsWith('warn'))).toMatch(/WHATSAPP_STATE_DIR.*twice/);
  });

  it('accepts a granted WHATSAPP_STATE_DIR and reports one that is not granted', () => {
    const lines = log();
    expect(validate({ ...complete, WHATSAPP_STATE_DIR: '/granted' }, registry, lines)).toEqual([]);
    expect(lines.lines.some((l) => l.includes('twice'))).toBe(false);
    expect(validate({ ...complete, WHATSAPP_STATE_DIR: '/elsewhere' }, registry, log())).toEqual([
      expect.stringContaining('does not grant'),
    ]);
  });

  it('reports send-only mode when no handler is configured, which is not a problem', () => {
    const lines = log();
    expect(validate(complete, registry, lines)).toEqual([]);
    expect(lines.lines.join('\n')).toContain('send-only');
  });
});
