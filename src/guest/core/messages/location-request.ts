// Interactive location request messages (Meta: "Location request messages"):
// "body text and a send location button"; the body is required, "Maximum 1024
// characters", and there is no header or footer. The location the user shares
// comes back as an inbound location message.
import type { SendOptions } from 'asterai:whatsapp/whatsapp@0.3.0';
import type { OutgoingMessage } from './envelope.ts';
import { buildInteractive, type InteractiveObject } from './interactive.ts';

export type LocationRequestObject = InteractiveObject<'location_request_message', { name: 'send_location' }>;

export function buildLocationRequestMessage(to: string, body: string, options?: SendOptions): OutgoingMessage<'interactive', LocationRequestObject> {
  return buildInteractive(to, 'location_request_message', 'location request', { body }, [], { name: 'send_location' as const }, options);
}
