// Interactive call-to-action URL messages (Meta: "Interactive Call-to-Action URL
// Button Messages"): one button whose label ("display_text", "Maximum 20
// characters") opens a URL "in the device's default web browser", so the raw
// link stays out of the body. A header of any kind and a footer (interactive.ts).
import type { InteractiveText, SendOptions, UrlButton } from 'asterai:whatsapp/whatsapp@0.3.0';
import type { OutgoingMessage } from './envelope.ts';
import { ANY_HEADER, buildInteractive, type InteractiveObject } from './interactive.ts';
import { requiredText, requireWebLink } from './rules.ts';

export const CTA_LABEL_LIMIT = 20;

export type CtaUrlObject = InteractiveObject<'cta_url', { name: 'cta_url'; parameters: { display_text: string; url: string } }>;

export function buildCtaUrlMessage(to: string, content: InteractiveText, button: UrlButton, options?: SendOptions): OutgoingMessage<'interactive', CtaUrlObject> {
  const parameters = {
    display_text: requiredText('call-to-action button label', button.label, CTA_LABEL_LIMIT),
    url: requireWebLink('call-to-action button url', button.url),
  };
  return buildInteractive(to, 'cta_url', 'call-to-action URL', content, ANY_HEADER, { name: 'cta_url' as const, parameters }, options);
}
