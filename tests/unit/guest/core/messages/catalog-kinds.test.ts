// The kinds that show the business's catalog: one product, a list of products in sections, and
// the whole catalog behind a "View catalog" button.
import { describe, expect, it } from 'vitest';
import type { ProductSection } from 'asterai:whatsapp/whatsapp@0.3.0';
import { buildCatalogMessage } from '../../../../../src/guest/core/messages/catalog.ts';
import { buildProductListMessage } from '../../../../../src/guest/core/messages/product-list.ts';
import { buildProductMessage } from '../../../../../src/guest/core/messages/product.ts';
import { refusal } from './refusal.ts';

const CATALOG = '194836987003835';

/** An interactive message to 16505551234, with what the send options add. */
function interactiveTo(interactive: Record<string, unknown>, added: Record<string, unknown>): Record<string, unknown> {
  return { messaging_product: 'whatsapp', recipient_type: 'individual', to: '16505551234', type: 'interactive', interactive, ...added };
}

/** `count` sections titled S0, S1, ... of `each` products each. */
function sections(count: number, each: number): ProductSection[] {
  return Array.from({ length: count }, (_, s) => ({ title: `S${s}`, productIds: Array.from({ length: each }, (_, p) => `sku-${s}-${p}`) }));
}

describe('buildProductMessage', () => {
  it('builds { type: product, body?, footer?, action: { catalog_id, product_retailer_id } } with no header', () => {
    expect(buildProductMessage('16505551234', ` ${CATALOG} `, 'espresso-250g', 'Our best seller', 'Free shipping', { callbackData: 'offer-1' })).toStrictEqual(
      interactiveTo(
        { type: 'product', body: { text: 'Our best seller' }, footer: { text: 'Free shipping' }, action: { catalog_id: CATALOG, product_retailer_id: 'espresso-250g' } },
        { biz_opaque_callback_data: 'offer-1' },
      ),
    );
  });

  it('leaves out a body and a footer that are absent or blank', () => {
    expect(buildProductMessage('1', CATALOG, 'espresso-250g', undefined, ' ').interactive).toStrictEqual({
      type: 'product',
      action: { catalog_id: CATALOG, product_retailer_id: 'espresso-250g' },
    });
    expect(buildProductMessage('1', CATALOG, 'espresso-250g', '', undefined).interactive).not.toHaveProperty('body');
  });

  it.each([
    ['a catalog name instead of its id', ['Coffee shop', 'espresso-250g', undefined, undefined], 'catalog id "Coffee shop" is not a catalog id (digits'],
    ['an empty product id', [CATALOG, ' ', undefined, undefined], 'product id is empty: Meta requires it'],
    ['a body of 1025 characters', [CATALOG, 'espresso-250g', 'b'.repeat(1025), undefined], 'interactive message body "bbbb'],
    ['a footer of 61 characters', [CATALOG, 'espresso-250g', undefined, 'f'.repeat(61)], 'is 61 characters: Meta allows 1 to 60'],
  ] as const)('refuses %s', (_what, [catalog, product, body, footer], message) => {
    expect(refusal(() => buildProductMessage('1', catalog, product, body, footer)).message).toContain(message);
  });
});

describe('buildProductListMessage', () => {
  it('builds { type: product_list, header: text, body, footer?, action: { catalog_id, sections: [{ title, product_items }] } }', () => {
    const message = buildProductListMessage('16505551234', CATALOG, 'Our coffee', 'Pick your beans', 'Roasted this week', [
      { title: 'Beans', productIds: ['espresso-250g', 'filter-1kg'] },
      { title: 'Gear', productIds: ['grinder-c2'] },
    ]);
    expect(message.interactive).toStrictEqual({
      type: 'product_list',
      header: { type: 'text', text: 'Our coffee' },
      body: { text: 'Pick your beans' },
      footer: { text: 'Roasted this week' },
      action: {
        catalog_id: CATALOG,
        sections: [
          { title: 'Beans', product_items: [{ product_retailer_id: 'espresso-250g' }, { product_retailer_id: 'filter-1kg' }] },
          { title: 'Gear', product_items: [{ product_retailer_id: 'grinder-c2' }] },
        ],
      },
    });
  });

  it('takes one untitled section, and 10 sections of 3 products (30 in all)', () => {
    expect(buildProductListMessage('1', CATALOG, 'H', 'B', undefined, [{ title: '', productIds: ['a'] }]).interactive.action.sections).toStrictEqual([
      { product_items: [{ product_retailer_id: 'a' }] },
    ]);
    const action = buildProductListMessage('1', CATALOG, 'H', 'B', undefined, sections(10, 3)).interactive.action;
    expect(action.sections.flatMap((section) => section.product_items)).toHaveLength(30);
  });

  it.each([
    ['no sections', [], '0 product sections: Meta allows 1 to 10'],
    ['11 sections', sections(11, 1), '11 product sections: Meta allows 1 to 10'],
    ['31 products in all', [...sections(1, 30), { title: 'More', productIds: ['x'] }], '31 products in all: Meta allows at most 30'],
    ['a section without products', [{ title: 'Empty', productIds: [] }], 'product section 1 has no products: every section needs at least one'],
    ['an untitled section among two', [{ title: 'A', productIds: ['a'] }, { title: ' ', productIds: ['b'] }], 'product section 2 has no title: Meta requires one when a message has several sections'],
    ['a section title of 25 characters', [{ title: 't'.repeat(25), productIds: ['a'] }], 'product section 1 title "ttttttttttttttttttttttttt" is 25 characters: Meta allows 1 to 24'],
    ['an empty product id', [{ title: '', productIds: ['a', ''] }], 'product section 1 product 2 id is empty'],
  ])('refuses %s', (_what, given, message) => {
    expect(refusal(() => buildProductListMessage('1', CATALOG, 'H', 'B', undefined, given)).message).toContain(message);
  });

  it.each([
    ['no header', ['', 'B', undefined], 'interactive message header is empty: Meta requires it'],
    ['a header of 61 characters', ['h'.repeat(61), 'B', undefined], 'interactive message header "hhhh'],
    ['no body', ['H', ' ', undefined], 'interactive message body is empty: Meta requires it'],
    ['a body of 1025 characters', ['H', 'b'.repeat(1025), undefined], 'is 1025 characters: Meta allows 1 to 1024'],
    ['a footer of 61 characters', ['H', 'B', 'f'.repeat(61)], 'interactive message footer "ffff'],
  ] as const)('refuses %s', (_what, [header, body, footer], message) => {
    expect(refusal(() => buildProductListMessage('1', CATALOG, header, body, footer, sections(1, 1))).message).toContain(message);
  });

  it('refuses a catalog id that is not digits', () => {
    expect(refusal(() => buildProductListMessage('1', 'catalog-1', 'H', 'B', undefined, sections(1, 1))).message).toContain('catalog id "catalog-1" is not a catalog id');
  });
});

describe('buildCatalogMessage', () => {
  it('builds { type: catalog_message, body, footer?, action: { name, parameters: { thumbnail_product_retailer_id } } }', () => {
    expect(buildCatalogMessage('16505551234', 'Order your coffee here', 'Roasted this week', 'espresso-250g', { replyTo: 'wamid.Q' })).toStrictEqual(
      interactiveTo(
        {
          type: 'catalog_message',
          body: { text: 'Order your coffee here' },
          footer: { text: 'Roasted this week' },
          action: { name: 'catalog_message', parameters: { thumbnail_product_retailer_id: 'espresso-250g' } },
        },
        { context: { message_id: 'wamid.Q' } },
      ),
    );
  });

  it('leaves out the parameters without a thumbnail (Meta then shows the first product)', () => {
    expect(buildCatalogMessage('1', 'Our catalog', undefined, undefined).interactive).toStrictEqual({
      type: 'catalog_message',
      body: { text: 'Our catalog' },
      action: { name: 'catalog_message' },
    });
    expect(buildCatalogMessage('1', 'Our catalog', undefined, ' ').interactive.action).toStrictEqual({ name: 'catalog_message' });
  });

  it.each([
    ['no body', ['', undefined], 'interactive message body is empty: Meta requires it'],
    ['a body of 1025 characters', ['b'.repeat(1025), undefined], 'is 1025 characters: Meta allows 1 to 1024'],
    ['a footer of 61 characters', ['Our catalog', 'f'.repeat(61)], 'interactive message footer "ffff'],
  ] as const)('refuses %s', (_what, [body, footer], message) => {
    expect(refusal(() => buildCatalogMessage('1', body, footer, undefined)).message).toContain(message);
  });
});
