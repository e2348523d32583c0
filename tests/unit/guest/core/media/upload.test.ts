import { describe, expect, it } from 'vitest';
import { SendError } from '../../../../../src/guest/core/failure.ts';
import { UPLOAD_LIMITS, UPLOAD_TYPES, checkUpload, uploadForm } from '../../../../../src/guest/core/media/upload.ts';

const KiB = 1024;
const MiB = 1024 * KiB;

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    if (e instanceof SendError && e.failure.kind === 'invalid-request') return e.message;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('checkUpload: size limits per kind, at the limit and one byte over', () => {
  it.each([
    ['image/jpeg', 'image', 5 * MiB],
    ['image/png', 'image', 5 * MiB],
    ['audio/ogg', 'audio', 16 * MiB],
    ['video/mp4', 'video', 16 * MiB],
    ['application/pdf', 'document', 100 * MiB],
    ['image/webp', 'sticker', 500 * KiB],
  ] as const)('%s is a %s of at most %i bytes', (mimeType, kind, limit) => {
    expect(UPLOAD_LIMITS[kind]).toBe(limit);
    expect(checkUpload(limit, mimeType)).toMatchObject({ kind, mimeType });
    expect(refusal(() => checkUpload(limit + 1, mimeType))).toContain(`${kind} of ${limit + 1} bytes is over Meta's`);
  });

  it('says the limit in readable units', () => {
    expect(refusal(() => checkUpload(5 * MiB + 1, 'image/png'))).toBe(`image of ${5 * MiB + 1} bytes is over Meta's 5 MiB limit for image (${5 * MiB} bytes)`);
    expect(refusal(() => checkUpload(500 * KiB + 1, 'image/webp'))).toContain("over Meta's 500 KiB limit for sticker");
  });

  it('refuses empty data', () => {
    expect(refusal(() => checkUpload(0, 'image/png'))).toBe('media data is empty');
  });

  it.each(['image/gif', 'application/zip', '', 'png', 'video/quicktime'])('refuses the unsupported type %j', (mimeType) => {
    expect(refusal(() => checkUpload(10, mimeType))).toContain(`media type ${JSON.stringify(mimeType)} is not one Meta supports`);
  });

  it('reads the type case-insensitively and without parameters', () => {
    expect(checkUpload(10, 'Audio/OGG; codecs=opus')).toMatchObject({ kind: 'audio', mimeType: 'audio/ogg' });
  });

  it('knows a kind for every supported type', () => {
    for (const kind of Object.values(UPLOAD_TYPES)) expect(UPLOAD_LIMITS[kind]).toBeGreaterThan(0);
  });

  it.each([
    [undefined, 'image/png', 'upload.png'],
    ['', 'application/pdf', 'upload.pdf'],
    ['receipt.pdf', 'application/pdf', 'receipt.pdf'],
    ['a"b\r\nc.pdf', 'application/pdf', 'a_b__c.pdf'],
    ['résumé.pdf', 'application/pdf', 'résumé.pdf'],
  ])('filename %j for %s is %j', (filename, mimeType, expected) => {
    expect(checkUpload(10, mimeType, filename).filename).toBe(expected);
  });
});

describe('uploadForm', () => {
  it('is multipart/form-data with messaging_product, type and file, the bytes untouched', () => {
    const data = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x00, 0xff]);
    const form = uploadForm({ kind: 'image', mimeType: 'image/png', filename: 'a.png' }, data, 'BOUNDARY');
    expect(form.contentType).toBe('multipart/form-data; boundary=BOUNDARY');
    const text = new TextDecoder('latin1').decode(form.bytes);
    expect(text).toBe(
      '--BOUNDARY\r\nContent-Disposition: form-data; name="messaging_product"\r\n\r\nwhatsapp\r\n' +
        '--BOUNDARY\r\nContent-Disposition: form-data; name="type"\r\n\r\nimage/png\r\n' +
        '--BOUNDARY\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n' +
        '\x89PNG\r\n\x00\xff\r\n--BOUNDARY--\r\n',
    );
  });

  it('parses back with the web platform\'s own multipart reader', async () => {
    const data = new Uint8Array(3000).map((_, i) => i % 256);
    const form = uploadForm(checkUpload(data.length, 'application/pdf', 'report.pdf'), data, 'x-boundary-1234567890');
    const parsed = await new Response(form.bytes, { headers: { 'content-type': form.contentType } }).formData();
    expect(parsed.get('messaging_product')).toBe('whatsapp');
    expect(parsed.get('type')).toBe('application/pdf');
    const file = parsed.get('file') as File;
    expect(file.name).toBe('report.pdf');
    expect(file.type).toBe('application/pdf');
    expect(new Uint8Array(await file.arrayBuffer())).toStrictEqual(data);
  });
});
