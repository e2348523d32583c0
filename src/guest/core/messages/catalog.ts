// Catalog messages (Meta: "Catalog messages"; the interactive object's
// `catalog_message` type): a body (required, "Maximum 1024 characters"), an
// optional footer ("Maximum 60 characters"), no header, and { action: { name:
// "catalog_message", parameters?: { thumbnail_product_retailer_id } } }. The
// thumbnail's product image heads the message; "If the parameters object is
// omitted, the product image of the first item in your catalog will be used."
import type { SendOptions } from 'asterai:whatsapp/whatsapp@0.3.0';
import { nonBlank } from '../json.ts';
import type { OutgoingMessage } from './envelope.ts';
import { buildInteractive, type InteractiveObject } from './interactive.ts';

export type CatalogObject = InteractiveObject<'catalog_message', { name: 'catalog_message'; parameters?: { thumbnail_product_retailer_id: string } }>;

export function buildCatalogMessage(
  to: string,
  body: string,
  footer: string | undefined,
  thumbnailProductId: string | undefined,
  options?: SendOptions,
): OutgoingMessage<'interactive', CatalogObject> {
  const thumbnail = nonBlank(thumbnailProductId);
  const action: CatalogObject['action'] = { name: 'catalog_message' };
  if (thumbnail !== undefined) action.parameters = { thumbnail_product_retailer_id: thumbnail };
  return buildInteractive(to, 'catalog_message', 'catalog', { body, footer }, [], action, options);
}
