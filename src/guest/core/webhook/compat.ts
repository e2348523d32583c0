// What a handler built against an earlier asterai:whatsapp WIT can decode. asterai reads a record
// argument by the handler's own WIT: keys the record lacks are ignored, but an enum value its enum
// lacks is an error (asterai-io/asterai, runtime/src/runtime/parsing.rs), so only a message whose
// `kind` is new in 0.3.0 has to be adapted, and only for a handler built against 0.2.0: a 0.1.0
// message has no `kind`, and every other record and field that changed was only added to.
import type { InboundMessage, MessageKind } from './events.ts';

/** The `message-kind` cases of asterai:whatsapp@0.2.0. */
const KINDS_OF_0_2_0 = ['text', 'image', 'audio', 'video', 'document', 'sticker', 'location', 'contacts', 'interactive', 'button', 'reaction', 'order', 'system', 'unsupported'] as const;

type KindOf020 = (typeof KINDS_OF_0_2_0)[number];

/**
 * Each kind new in 0.3.0 as the 0.2.0 kind these messages were delivered as before 0.3.0 told
 * them apart, so that a 0.2.0 handler sees what it saw then (with the same readable `content`):
 * a Flow's answers were `interactive`; number, user id and identity changes were `system`; a
 * welcome request, an edit and a revoke had no rule and were `unsupported`.
 */
const AS_0_2_0_KIND: Readonly<Record<Exclude<MessageKind, KindOf020>, KindOf020>> = {
  'flow-reply': 'interactive',
  'number-change': 'system',
  'user-id-change': 'system',
  'identity-change': 'system',
  welcome: 'unsupported',
  edit: 'unsupported',
  revoke: 'unsupported',
};

/** Whether a handler built against 0.2.0 needs `message` adapted (its kind is new in 0.3.0). */
export function needsAdapting(message: InboundMessage): boolean {
  return Object.hasOwn(AS_0_2_0_KIND, message.kind);
}

/** `message` as a handler built against 0.2.0 (or 0.1.0) can decode it. */
export function asBefore030(message: InboundMessage): InboundMessage {
  const kind = Object.hasOwn(AS_0_2_0_KIND, message.kind) ? AS_0_2_0_KIND[message.kind as keyof typeof AS_0_2_0_KIND] : message.kind;
  return kind === message.kind ? message : { ...message, kind };
}
