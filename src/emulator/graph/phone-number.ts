// GET /{version}/{phone-number-id}[?fields=a,b]: the WhatsAppBusinessPhoneNumber node.
// Without `fields`, Graph returns its default set; `id` always comes back.
import { jsonReply, type Reply } from '../exchange.ts';
import { invalidParameter } from './errors.ts';

export interface PhoneNumberAccount {
  phoneNumberId: string;
  displayPhoneNumber: string;
  verifiedName: string;
  webhookUrl?: string;
}

const DEFAULT_FIELDS = ['verified_name', 'code_verification_status', 'display_phone_number', 'quality_rating', 'platform_type', 'throughput', 'webhook_configuration'];

function phoneNumberNode(account: PhoneNumberAccount): Record<string, unknown> {
  return {
    verified_name: account.verifiedName,
    code_verification_status: 'NOT_VERIFIED',
    display_phone_number: account.displayPhoneNumber,
    quality_rating: 'GREEN',
    platform_type: 'CLOUD_API',
    throughput: { level: 'STANDARD' },
    ...(account.webhookUrl ? { webhook_configuration: { application: account.webhookUrl } } : {}),
    name_status: 'APPROVED',
    status: 'CONNECTED',
    account_mode: 'SANDBOX',
    messaging_limit_tier: 'TIER_250',
    is_official_business_account: false,
    is_pin_enabled: false,
    health_status: { can_send_message: 'AVAILABLE', entities: [] },
    id: account.phoneNumberId,
  };
}

export function getPhoneNumber(account: PhoneNumberAccount, fieldsParam: string | null): Reply {
  const node = phoneNumberNode(account);
  const requested = fieldsParam === null ? DEFAULT_FIELDS : fieldsParam.split(',').map((field) => field.trim()).filter(Boolean);
  const result: Record<string, unknown> = {};
  for (const field of requested) {
    if (!(field in node)) {
      if (fieldsParam === null) continue;
      return invalidParameter(`Tried accessing nonexisting field (${field}) on node type (WhatsAppBusinessPhoneNumber)`);
    }
    result[field] = node[field];
  }
  result['id'] = account.phoneNumberId;
  return jsonReply(200, result);
}
