// Nothing Meta sends is dropped: a walk over every field Meta documents for the WhatsApp Business
// Account webhook. Each field's change goes through the BUILT component as a signed POST, twice
// (Meta redelivers), to an environment whose handler lists all name one recorder, with
// WHATSAPP_STATE_DIR granted; the test shows where each went (typed to its own interface, or
// verbatim to event-handler/on-event) and that it went there once.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HANDLER_A, TestEnvironment, fixture } from '../support/harness.ts';

const DOCS = 'https://developers.facebook.com/documentation/business-messaging/whatsapp';

/** Where a field's changes go: the handler function, and the record's type. */
type Destination = 'on-message' | 'on-echo' | 'on-preference' | 'on-event';

/**
 * Every field of the WhatsApp Business Account webhook Meta documents, with the page that
 * documents it and the fixture (tests/fixtures/webhooks) that is one change of it. The first 19
 * are the field table of Meta's "Webhooks" overview (webhooks/overview, as of 2026-09-11); the
 * others are documented with their APIs.
 */
const FIELDS: readonly { field: string; source: string; fixture: string; to: Destination }[] = [
  { field: 'account_alerts', source: `${DOCS}/webhooks/reference/account_alerts`, fixture: 'fields/account_alerts.json', to: 'on-event' },
  { field: 'account_review_update', source: `${DOCS}/webhooks/reference/account_review_update`, fixture: 'fields/account_review_update.json', to: 'on-event' },
  { field: 'account_update', source: `${DOCS}/webhooks/reference/account_update`, fixture: 'fields/account_update.json', to: 'on-event' },
  { field: 'automatic_events', source: `${DOCS}/embedded-signup/automatic-events-api`, fixture: 'fields/automatic_events.json', to: 'on-event' },
  { field: 'business_capability_update', source: `${DOCS}/webhooks/reference/business_capability_update`, fixture: 'fields/business_capability_update.json', to: 'on-event' },
  { field: 'history', source: `${DOCS}/webhooks/reference/history`, fixture: 'fields/history.json', to: 'on-event' },
  { field: 'message_template_components_update', source: `${DOCS}/webhooks/reference/message_template_components_update`, fixture: 'fields/message_template_components_update.json', to: 'on-event' },
  { field: 'message_template_quality_update', source: `${DOCS}/webhooks/reference/message_template_quality_update`, fixture: 'fields/message_template_quality_update.json', to: 'on-event' },
  { field: 'message_template_status_update', source: `${DOCS}/webhooks/reference/message_template_status_update`, fixture: 'fields/message_template_status_update.json', to: 'on-event' },
  { field: 'messages', source: `${DOCS}/webhooks/reference/messages`, fixture: 'text.json', to: 'on-message' },
  { field: 'partner_solutions', source: `${DOCS}/webhooks/reference/partner_solutions`, fixture: 'fields/partner_solutions.json', to: 'on-event' },
  { field: 'payment_configuration_update', source: `${DOCS}/webhooks/reference/payment_configuration_update`, fixture: 'fields/payment_configuration_update.json', to: 'on-event' },
  { field: 'phone_number_name_update', source: `${DOCS}/webhooks/reference/phone_number_name_update`, fixture: 'fields/phone_number_name_update.json', to: 'on-event' },
  { field: 'phone_number_quality_update', source: `${DOCS}/webhooks/reference/phone_number_quality_update`, fixture: 'fields/phone_number_quality_update.json', to: 'on-event' },
  { field: 'security', source: `${DOCS}/webhooks/reference/security`, fixture: 'fields/security.json', to: 'on-event' },
  { field: 'smb_app_state_sync', source: `${DOCS}/webhooks/reference/smb_app_state_sync`, fixture: 'fields/smb_app_state_sync.json', to: 'on-event' },
  { field: 'smb_message_echoes', source: `${DOCS}/webhooks/reference/smb_message_echoes`, fixture: 'smb-message-echo.json', to: 'on-echo' },
  { field: 'template_category_update', source: `${DOCS}/webhooks/reference/template_category_update`, fixture: 'fields/template_category_update.json', to: 'on-event' },
  { field: 'user_preferences', source: `${DOCS}/webhooks/reference/user_preferences`, fixture: 'user-preferences-resume.json', to: 'on-preference' },
  // Documented with the Calling API, Flows, the Groups API and business-scoped user IDs.
  { field: 'calls', source: `${DOCS}/calling/reference`, fixture: 'fields/calls.json', to: 'on-event' },
  { field: 'flows', source: `${DOCS}/flows/reference/flowswebhooks`, fixture: 'fields/flows.json', to: 'on-event' },
  { field: 'group_lifecycle_update', source: `${DOCS}/groups/webhooks`, fixture: 'fields/group_lifecycle_update.json', to: 'on-event' },
  { field: 'group_participants_update', source: `${DOCS}/groups/webhooks`, fixture: 'fields/group_participants_update.json', to: 'on-event' },
  { field: 'group_settings_update', source: `${DOCS}/groups/webhooks`, fixture: 'fields/group_settings_update.json', to: 'on-event' },
  { field: 'group_status_update', source: `${DOCS}/groups/webhooks`, fixture: 'fields/group_status_update.json', to: 'on-event' },
  { field: 'business_username_update', source: `${DOCS}/business-scoped-user-ids`, fixture: 'fields/business_username_update.json', to: 'on-event' },
  { field: 'user_id_update', source: `${DOCS}/business-scoped-user-ids`, fixture: 'fields/user_id_update.json', to: 'on-event' },
];

let t: TestEnvironment;
let stateDir: string;

beforeAll(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'wa-fields-state-'));
  t = await TestEnvironment.start({
    recorders: [HANDLER_A],
    env: {
      WHATSAPP_STATE_DIR: stateDir,
      WHATSAPP_INCOMING_HANDLER_COMPONENTS: HANDLER_A,
      WHATSAPP_STATUS_HANDLER_COMPONENTS: HANDLER_A,
      WHATSAPP_ECHO_HANDLER_COMPONENTS: HANDLER_A,
      WHATSAPP_PREFERENCE_HANDLER_COMPONENTS: HANDLER_A,
      WHATSAPP_EVENT_HANDLER_COMPONENTS: HANDLER_A,
    },
    allowDirs: [stateDir],
  });
});
afterAll(async () => {
  await t?.stop();
  await rm(stateDir, { recursive: true, force: true });
});

/** Posts `body` twice, as Meta redelivers; returns the calls the two deliveries made. */
async function deliverTwice(body: string) {
  await t.clearRecorded();
  for (let i = 0; i < 2; i++) expect((await t.postWebhook(body)).status).toBe(200);
  return t.recordedCalls();
}

describe('every field of the WhatsApp Business Account webhook reaches its handlers, once', () => {
  it('the walk covers 27 fields, each once, each with a fixture of that field', async () => {
    expect(FIELDS).toHaveLength(27);
    expect(new Set(FIELDS.map((f) => f.field)).size).toBe(FIELDS.length);
    for (const { field, fixture: name } of FIELDS) {
      const payload = JSON.parse(await fixture(name)) as { entry: { changes: { field: string }[] }[] };
      expect(payload.entry.flatMap((entry) => entry.changes.map((change) => change.field)), name).toEqual([field]);
    }
  });

  it.each(FIELDS)('$field → $to', async ({ field, fixture: name, to }) => {
    const body = await fixture(name);
    const calls = await deliverTwice(body);
    expect(calls.length, `${field}: one call, though delivered twice`).toBe(1);
    const [call] = calls;
    expect(call?.call).toBe(to);
    if (to === 'on-event') {
      const change = (JSON.parse(body) as { entry: { id: string; time?: number; changes: { value: unknown }[] }[] }).entry[0]!;
      expect(call?.arg).toEqual({ field, value: JSON.stringify(change.changes[0]!.value), entryId: change.id, time: change.time ?? null });
      // verbatim: the value means what Meta sent
      expect(JSON.parse(String(call?.arg.value))).toEqual(change.changes[0]!.value);
    }
  });

  it('a field Meta adds later goes verbatim to the event handlers too', async () => {
    const payload = { object: 'whatsapp_business_account', entry: [{ id: '102290129340398', time: 1767225600, changes: [{ field: 'some_future_field', value: { status: 'NEW', note: 'Caf\u00e9' } }] }] };
    const calls = await deliverTwice(JSON.stringify(payload));
    expect(calls).toEqual([
      { component: HANDLER_A, call: 'on-event', arg: { field: 'some_future_field', value: '{"status":"NEW","note":"Café"}', entryId: '102290129340398', time: 1767225600 } },
    ]);
  });

  it('with no event handler configured, the log says what was not dispatched', async () => {
    const quiet = await TestEnvironment.start({ recorders: [HANDLER_A], env: { WHATSAPP_INCOMING_HANDLER_COMPONENTS: HANDLER_A } });
    try {
      expect((await quiet.postWebhook(await fixture('fields/account_update.json'))).status).toBe(200);
      expect(await quiet.recordedCalls()).toEqual([]);
      expect(quiet.logOf()).toContain('event account_update: no event handler configured, not dispatched');
    } finally {
      await quiet.stop();
    }
  });
});
