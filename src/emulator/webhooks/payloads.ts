// The `messages` webhook envelopes, as Meta's "messages webhook reference" shows them:
// { object: "whatsapp_business_account", entry: [{ id: <WABA id>, changes: [{ field: "messages",
//   value: { messaging_product, metadata: { display_phone_number, phone_number_id },
//            contacts?, messages? | statuses? } }] }] }

export interface BusinessIdentity {
  wabaId: string;
  phoneNumberId: string;
  /** Digits only in webhooks: "15550783881". */
  displayPhoneNumberDigits: string;
}

export interface WebhookContact {
  profile: { name: string };
  wa_id: string;
  user_id?: string;
}

/** One `value` of a change: the contacts and messages of one user, or statuses. */
export type ChangeValue = { contacts: WebhookContact[]; messages: Array<Record<string, unknown>> } | { statuses: Array<Record<string, unknown>> };

/** Lays `values` out as entries × changes (the shape a batch asks for). */
export function webhookEnvelope(business: BusinessIdentity, entries: ChangeValue[][]): Record<string, unknown> {
  return {
    object: 'whatsapp_business_account',
    entry: entries.map((changes) => ({
      id: business.wabaId,
      changes: changes.map((value) => ({
        value: {
          messaging_product: 'whatsapp',
          metadata: { display_phone_number: business.displayPhoneNumberDigits, phone_number_id: business.phoneNumberId },
          ...value,
        },
        field: 'messages',
      })),
    })),
  };
}

export type StatusName = 'sent' | 'delivered' | 'read' | 'played';

export interface StatusFacts {
  wamid: string;
  recipient: string;
  status: StatusName;
  time: Date;
  /** Templates are billable business-initiated messages; replies in the window are free service ones. */
  template: boolean;
  /** The conversation id Meta gives the 24 h window. */
  conversationId: string;
  conversationOpenedAt: Date;
  /** The message's `biz_opaque_callback_data`, which every status of it carries. */
  callbackData?: string;
}

/** One `statuses[]` item. `read` and `played` carry no pricing, as Meta's do not. */
export function statusItem(facts: StatusFacts): Record<string, unknown> {
  const timestamp = String(Math.floor(facts.time.getTime() / 1000));
  const item: Record<string, unknown> = { id: facts.wamid, status: facts.status, timestamp, recipient_id: facts.recipient };
  if (facts.callbackData !== undefined) item['biz_opaque_callback_data'] = facts.callbackData;
  if (facts.status === 'read' || facts.status === 'played') return item;
  const category = facts.template ? 'utility' : 'service';
  item['conversation'] = {
    id: facts.conversationId,
    ...(facts.status === 'sent' ? { expiration_timestamp: String(Math.floor(facts.conversationOpenedAt.getTime() / 1000) + 24 * 3600) } : {}),
    origin: { type: category },
  };
  item['pricing'] = facts.template
    ? { billable: true, pricing_model: 'PMP', category, type: 'regular' }
    : { billable: false, pricing_model: 'PMP', category, type: 'free_customer_service' };
  return item;
}
