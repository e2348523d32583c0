// type "text": { text: { body, preview_url? } }
import { optionalBoolean, requireObject, requireString, type Json } from '../params.ts';
import type { MessageContent } from './content.ts';

/** Meta: "text.body — Maximum 4096 characters." */
export const TEXT_BODY_MAX = 4096;

export function checkText(message: Json): MessageContent {
  const text = requireObject(message, 'text', '');
  const body = requireString(text, 'body', 'text', { max: TEXT_BODY_MAX });
  optionalBoolean(text, 'preview_url', 'text');
  return { kind: 'text', summary: body };
}
