// Single-product messages (Meta: "Single-product messages"; the interactive
// object's `product` type): { action: { catalog_id, product_retailer_id } }, an
// optional body (1 to 1024 characters) and footer (1 to 60), and no header
// (Meta's interactive object: the body is optional for type product only, and a
// product message takes no header). The catalog is the one connected to the
// WhatsApp Business Account, named by its Graph id (digits); a product by its
// retailer id, the "Content ID" in Commerce Manager. A cart the user sends comes
// back as an inbound order message.
import type { SendOptions } from 'asterai:whatsapp/whatsapp@0.3.0';
import { refuse } from '../failure.ts';
import { nonBlank } from '../json.ts';
import type { OutgoingMessage } from './envelope.ts';
import { buildInteractive, type InteractiveObject } from './interactive.ts';
import { quoted, requireText } from './rules.ts';

export type ProductObject = InteractiveObject<'product', { catalog_id: string; product_retailer_id: string }>;

/** A catalog's Graph id: digits, like every Graph object id. */
export function requireCatalogId(value: string): string {
  const id = value.trim();
  if (!/^\d+$/.test(id)) refuse(`catalog id ${quoted(value)} is not a catalog id (digits, as Commerce Manager shows it)`);
  return id;
}

export function buildProductMessage(
  to: string,
  catalogId: string,
  productId: string,
  body: string | undefined,
  footer: string | undefined,
  options?: SendOptions,
): OutgoingMessage<'interactive', ProductObject> {
  const action = { catalog_id: requireCatalogId(catalogId), product_retailer_id: requireText('product id', productId) };
  return buildInteractive(to, 'product', 'single-product', { body: nonBlank(body), footer }, [], action, options);
}
