// What every interactive message shares (Meta: "Interactive reply buttons
// messages", "Interactive list messages", "Interactive CTA URL button messages",
// the Flows "Sending a Flow" guide, "Single-product messages", "Multi-product
// messages", "Catalog messages"): { type, header?, body, footer?, action }.
// The body is 1 to 1024 characters; a footer 1 to 60; a text header 1 to 60.
// Which headers a kind takes differs: reply buttons and CTA URL messages take a
// text, image, video or document header, lists, Flows and multi-product messages
// a text header only ("Supports text header type only"), location and
// contact-info requests, single products and catalog messages none. The body is
// required everywhere but on a single product (Meta's interactive object).
import type { Header, InteractiveText, SendOptions } from 'asterai:whatsapp/whatsapp@0.3.0';
import { refuse } from '../failure.ts';
import { outgoingMessage, type OutgoingMessage } from './envelope.ts';
import { mediaHeader, type MediaHeader } from './media.ts';
import { optionalText, requiredText } from './rules.ts';

export const INTERACTIVE_LIMITS = { body: 1024, headerText: 60, footer: 60 } as const;

export type HeaderKind = Header['tag'];
export const ANY_HEADER: readonly HeaderKind[] = ['text', 'image', 'video', 'document'];
export const TEXT_HEADER: readonly HeaderKind[] = ['text'];

export type HeaderObject = { type: 'text'; text: string } | MediaHeader;

export interface InteractiveObject<T extends string, A> {
  type: T;
  header?: HeaderObject;
  /** Left out only where Meta makes it optional (a single product). */
  body?: { text: string };
  footer?: { text: string };
  action: A;
}

/** The words of an interactive message; `body` left out only where Meta makes it optional. */
export type InteractiveWords = Omit<InteractiveText, 'body'> & { body?: string };

/** The body every interactive message has. */
export function interactiveBody(body: string): { text: string } {
  return { text: requiredText('interactive message body', body, INTERACTIVE_LIMITS.body) };
}

function headerObject(header: Header, kind: string, allowed: readonly HeaderKind[]): HeaderObject {
  if (!allowed.includes(header.tag)) {
    refuse(`a ${header.tag} header is not allowed on ${kind} messages: Meta takes ${allowed.length === 1 ? 'a text header only' : `a ${allowed.join(', ')} header`}`);
  }
  switch (header.tag) {
    case 'text':
      return { type: 'text', text: requiredText('interactive message header', header.val, INTERACTIVE_LIMITS.headerText) };
    default:
      return mediaHeader(header.tag, header.val, 'header');
  }
}

/**
 * An interactive message of `type` showing `content` above `action`; `kind` names the message
 * in a refusal and `headers` lists the headers it takes.
 */
export function buildInteractive<T extends string, A>(
  to: string,
  type: T,
  kind: string,
  content: InteractiveWords,
  headers: readonly HeaderKind[],
  action: A,
  options?: SendOptions,
): OutgoingMessage<'interactive', InteractiveObject<T, A>> {
  const interactive: InteractiveObject<T, A> = { type, action };
  if (content.body !== undefined) interactive.body = interactiveBody(content.body);
  if (content.header !== undefined) interactive.header = headerObject(content.header, kind, headers);
  const footer = optionalText('interactive message footer', content.footer, INTERACTIVE_LIMITS.footer);
  if (footer !== undefined) interactive.footer = { text: footer };
  return outgoingMessage(to, 'interactive', interactive, options);
}
