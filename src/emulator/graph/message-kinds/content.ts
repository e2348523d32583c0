import type { Json } from '../params.ts';

/** What a checked outgoing message says, for the transcript: `image`, "id 123 — caption". */
export interface MessageContent {
  kind: string;
  summary: string;
}

/** What a check may look up besides the request: media uploaded to the emulator, by id. */
export interface ContentLookups {
  media(id: string): { mimeType: string; data: Uint8Array } | undefined;
}

/** Checks the part of a POST /messages body that belongs to one `type`; throws ParamError. */
export type ContentCheck = (message: Json, lookups: ContentLookups) => MessageContent;
