// The actions of the interactive kinds that show a business's catalog. Limits from Meta's
// "Single-product messages", "Multi-product messages" and "Catalog messages" pages and the
// interactive object's reference: a product takes { catalog_id, product_retailer_id }; a
// product list { catalog_id, sections } with 1–10 sections, each with at least one product and
// a title (up to 24 characters) when there are several, 30 products in all; a catalog message
// { name: "catalog_message", parameters?: { thumbnail_product_retailer_id } }.
import { asObject, invalid, optionalObject, optionalString, paramPath, requireArray, requireOneOf, requireString, type Json } from '../params.ts';

export const CATALOG_LIMITS = { sections: 10, products: 30, sectionTitle: 24 } as const;

const ACTION_AT = paramPath('interactive', 'action');

/** A single product, as the transcript shows it: its retailer id. */
export function checkProduct(action: Json): string {
  requireString(action, 'catalog_id', ACTION_AT);
  return requireString(action, 'product_retailer_id', ACTION_AT);
}

/** A product list, as the transcript shows it: `Section: id, id | Section: id`. */
export function checkProductList(action: Json): string {
  requireString(action, 'catalog_id', ACTION_AT);
  const sections = requireArray(action, 'sections', ACTION_AT);
  const sectionsAt = paramPath(ACTION_AT, 'sections');
  if (sections.length < 1 || sections.length > CATALOG_LIMITS.sections) {
    throw invalid(`Param ${sectionsAt} must contain between 1 and ${CATALOG_LIMITS.sections} sections - got ${sections.length}.`);
  }
  let products = 0;
  const shown = sections.map((item, index) => {
    const sectionAt = paramPath(sectionsAt, index);
    const section = asObject(item, sectionAt);
    const title =
      sections.length > 1
        ? requireString(section, 'title', sectionAt, { max: CATALOG_LIMITS.sectionTitle })
        : optionalString(section, 'title', sectionAt, { max: CATALOG_LIMITS.sectionTitle });
    const items = requireArray(section, 'product_items', sectionAt);
    const itemsAt = paramPath(sectionAt, 'product_items');
    if (items.length === 0) throw invalid(`Param ${itemsAt} must contain at least one product.`);
    products += items.length;
    const ids = items.map((product, productIndex) => requireString(asObject(product, paramPath(itemsAt, productIndex)), 'product_retailer_id', paramPath(itemsAt, productIndex)));
    return title ? `${title}: ${ids.join(', ')}` : ids.join(', ');
  });
  if (products > CATALOG_LIMITS.products) throw invalid(`Param ${sectionsAt} must contain at most ${CATALOG_LIMITS.products} products in all - got ${products}.`);
  return shown.join(' | ');
}

/** A catalog message's button, as the transcript shows it, with the thumbnail's product when one is named. */
export function checkCatalog(action: Json): string {
  requireOneOf(action, 'name', ACTION_AT, ['catalog_message'] as const);
  const parameters = optionalObject(action, 'parameters', ACTION_AT);
  if (!parameters) return 'View catalog';
  return `View catalog, thumbnail ${requireString(parameters, 'thumbnail_product_retailer_id', paramPath(ACTION_AT, 'parameters'))}`;
}
