// Multi-product messages (Meta: "Multi-product messages", "up to 30 products
// from your catalog, organized into sections"; the interactive object's
// `product_list` type): a text header (required, 1 to 60 characters), a body
// (required, 1 to 1024), an optional footer (1 to 60), and { action: {
// catalog_id, sections: [{ title, product_items: [{ product_retailer_id }] }] } }.
// 1 to 10 sections, each with at least one product, 30 products in all; a
// section title is at most 24 characters and required when there is more than
// one section (Meta's section object, as whatsapp-api-js enforces it; it counts
// the 30 per section, Meta's page per message, and the stricter count is used).
import type { ProductSection, SendOptions } from 'asterai:whatsapp/whatsapp@0.3.0';
import { refuse } from '../failure.ts';
import { nonBlank } from '../json.ts';
import type { OutgoingMessage } from './envelope.ts';
import { buildInteractive, TEXT_HEADER, type InteractiveObject } from './interactive.ts';
import { requireCatalogId } from './product.ts';
import { requireLength, requireText } from './rules.ts';

export const PRODUCT_LIST_LIMITS = { maxSections: 10, maxProducts: 30, sectionTitle: 24 } as const;

interface ProductSectionObject {
  title?: string;
  product_items: { product_retailer_id: string }[];
}

export type ProductListObject = InteractiveObject<'product_list', { catalog_id: string; sections: ProductSectionObject[] }>;

export function buildProductListMessage(
  to: string,
  catalogId: string,
  header: string,
  body: string,
  footer: string | undefined,
  sections: readonly ProductSection[],
  options?: SendOptions,
): OutgoingMessage<'interactive', ProductListObject> {
  const catalog_id = requireCatalogId(catalogId);
  if (sections.length < 1 || sections.length > PRODUCT_LIST_LIMITS.maxSections) {
    refuse(`${sections.length} product sections: Meta allows 1 to ${PRODUCT_LIST_LIMITS.maxSections}`);
  }
  const productCount = sections.reduce((sum, section) => sum + section.productIds.length, 0);
  if (productCount > PRODUCT_LIST_LIMITS.maxProducts) refuse(`${productCount} products in all: Meta allows at most ${PRODUCT_LIST_LIMITS.maxProducts}`);

  const built = sections.map((section, sectionIndex): ProductSectionObject => {
    const where = `product section ${sectionIndex + 1}`;
    const title = nonBlank(section.title);
    if (title === undefined && sections.length > 1) refuse(`${where} has no title: Meta requires one when a message has several sections`);
    if (title !== undefined) requireLength(`${where} title`, title, 1, PRODUCT_LIST_LIMITS.sectionTitle);
    if (section.productIds.length === 0) refuse(`${where} has no products: every section needs at least one`);
    const product_items = section.productIds.map((id, index) => ({ product_retailer_id: requireText(`${where} product ${index + 1} id`, id) }));
    return title === undefined ? { product_items } : { title, product_items };
  });
  const content = { header: { tag: 'text' as const, val: header }, body, footer };
  return buildInteractive(to, 'product_list', 'multi-product', content, TEXT_HEADER, { catalog_id, sections: built }, options);
}
