// The ad or post a message came from (Meta's "Text messages webhook reference", Click to
// WhatsApp ad: `referral` { source_url, source_id, source_type, body, headline, media_type,
// image_url | video_url, thumbnail_url, ctwa_clid (omitted for WhatsApp Status ads),
// welcome_message }).
import { asObject, asString, nonBlank } from '../json.ts';
import type { InboundMessage } from './events.ts';

type Referral = NonNullable<InboundMessage['referral']>;

/** The message's referral, or undefined when it has none. */
export function referralOf(value: unknown): Referral | undefined {
  const referral = asObject(value);
  if (referral === undefined) return undefined;
  return {
    sourceType: asString(referral.source_type) ?? '',
    sourceId: asString(referral.source_id) ?? '',
    sourceUrl: asString(referral.source_url) ?? '',
    headline: nonBlank(referral.headline),
    body: nonBlank(referral.body),
    mediaType: nonBlank(referral.media_type),
    mediaUrl: nonBlank(referral.image_url) ?? nonBlank(referral.video_url),
    ctwaClid: nonBlank(referral.ctwa_clid),
  };
}
