// Interactive reply buttons (Meta: "Interactive reply buttons messages"): 1 to
// 3 buttons, each with a unique id of at most 256 characters and a title of 1
// to 20; a header of any kind and a footer (interactive.ts). A tapped button
// comes back as an inbound message whose reply-id is the button's id.
import type { Button, InteractiveText, SendOptions } from 'asterai:whatsapp/whatsapp@0.3.0';
import { refuse } from '../failure.ts';
import type { OutgoingMessage } from './envelope.ts';
import { ANY_HEADER, buildInteractive, type InteractiveObject } from './interactive.ts';
import { quoted, requireLength, requireText } from './rules.ts';

export const BUTTON_LIMITS = { minButtons: 1, maxButtons: 3, id: 256, title: 20 } as const;

export type ButtonsObject = InteractiveObject<'button', { buttons: { type: 'reply'; reply: { id: string; title: string } }[] }>;

export function buildButtonsMessage(
  to: string,
  content: InteractiveText,
  buttons: readonly Button[],
  options?: SendOptions,
): OutgoingMessage<'interactive', ButtonsObject> {
  if (buttons.length < BUTTON_LIMITS.minButtons || buttons.length > BUTTON_LIMITS.maxButtons) {
    refuse(`${buttons.length} buttons: Meta allows ${BUTTON_LIMITS.minButtons} to ${BUTTON_LIMITS.maxButtons}`);
  }
  const ids = new Set<string>();
  const titles = new Set<string>();
  const replies = buttons.map((button, index) => {
    const what = `button ${index + 1}`;
    requireText(`${what} id`, button.id);
    requireLength(`${what} id`, button.id, 1, BUTTON_LIMITS.id);
    requireText(`${what} title`, button.title);
    requireLength(`${what} title`, button.title, 1, BUTTON_LIMITS.title);
    if (ids.has(button.id)) refuse(`${what} id ${quoted(button.id)} is used twice: button ids must be unique`);
    // Meta refuses two buttons with the same title as well.
    if (titles.has(button.title)) refuse(`${what} title ${quoted(button.title)} is used twice: button titles must be unique`);
    ids.add(button.id);
    titles.add(button.title);
    return { type: 'reply' as const, reply: { id: button.id, title: button.title } };
  });
  return buildInteractive(to, 'button', 'reply buttons', content, ANY_HEADER, { buttons: replies }, options);
}
