// wasi:cli/run of the BUILT component, called by the host at environment start
// as asterai does: it checks the setup and says what is wrong.
import { describe, expect, it } from 'vitest';
import { HANDLER_A, TestEnvironment } from '../support/harness.ts';

async function runWith(env: Record<string, string | undefined>) {
  const t = await TestEnvironment.start({ env });
  try {
    const outcome = t.environment.run().outcomes.find((o) => o.component === 'asterai:whatsapp');
    return { status: outcome?.status, log: t.logOf() };
  } finally {
    await t.stop();
  }
}

describe('run (setup validation)', () => {
  it('succeeds with a complete setup and existing handlers', async () => {
    const { status, log } = await runWith({});
    expect(status).toBe('ok');
    expect(log).toContain('setup ok');
  });

  it('fails naming a handler that is missing and one that does not implement incoming-handler', async () => {
    const { status, log } = await runWith({ WHATSAPP_INCOMING_HANDLER_COMPONENTS: `${HANDLER_A},acme:ghost,asterai:whatsapp` });
    expect(status).toBe('err');
    expect(log).toMatch(/acme:ghost.*no such component/);
    expect(log).toMatch(/"asterai:whatsapp", which does not export asterai:whatsapp\/incoming-handler@0\.3\.0 or asterai:whatsapp\/incoming-handler@0\.2\.0 or asterai:whatsapp\/incoming-handler@0\.1\.0/);
    expect(log).not.toMatch(new RegExp(`"${HANDLER_A}"`));
  });

  it('fails naming every missing required variable', async () => {
    const { status, log } = await runWith({ WHATSAPP_ACCESS_TOKEN: undefined, WHATSAPP_APP_SECRET: undefined });
    expect(status).toBe('err');
    expect(log).toContain('WHATSAPP_ACCESS_TOKEN is not set');
    expect(log).toContain('WHATSAPP_APP_SECRET is not set');
    expect(log).not.toContain('WHATSAPP_PHONE_NUMBER_ID is not set');
  });

  it('says when it runs in send-only mode, which is not an error', async () => {
    const { status, log } = await runWith({ WHATSAPP_INCOMING_HANDLER_COMPONENTS: undefined });
    expect(status).toBe('ok');
    expect(log).toContain('send-only mode');
  });
});
