// Authentication templates with a one-time password button (Meta: "Authentication
// templates", copy-code and one-tap autofill): the template's body and its
// button both take the code, { type: "body", parameters: [{ type: "text", text:
// code }] } and { type: "button", sub_type: "url", index: "0", parameters: [{
// type: "text", text: code }] } ("the button type will be set to URL" when the
// OTP template is created). The code is at most 15 characters. Meta sends these templates to
// phone numbers only ("Business-scoped user IDs": 131062 for a user id), so a user id is refused
// before any request.
import type { SendOptions } from 'asterai:whatsapp/whatsapp@0.3.0';
import { requirePhoneNumber } from '../recipient.ts';
import type { OutgoingMessage } from './envelope.ts';
import { requiredText } from './rules.ts';
import { buildTemplateMessage, type TemplateObject } from './template.ts';

export const VERIFICATION_CODE_LIMIT = 15;

export function buildVerificationCodeMessage(
  to: string,
  name: string,
  language: string,
  code: string,
  options?: SendOptions,
): OutgoingMessage<'template', TemplateObject> {
  const value = requiredText('verification code', code, VERIFICATION_CODE_LIMIT);
  const message = buildTemplateMessage(to, name, language, { body: [{ value }], buttons: [{ index: 0, value: { tag: 'url', val: value } }] }, options);
  requirePhoneNumber(message, 'a verification code');
  return message;
}
