import type { Json } from '../params.ts';

/** What a checked outgoing message says, for the transcript: `image`, "id 123 — caption". */
export interface MessageContent {
  kind: string;
  summary: string;
}

/** Checks the part of a POST /messages body that belongs to one `type`; throws ParamError. */
export type ContentCheck = (message: Json) => MessageContent;
