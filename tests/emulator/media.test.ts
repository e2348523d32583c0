// The media endpoints over real HTTP: upload (multipart), metadata, download URL, delete.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/spawn.ts';
import { PHONE_NUMBER_ID, TOKEN, VERSION, graph } from './graph-client.ts';

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ accessToken: TOKEN, phoneNumberId: PHONE_NUMBER_ID, mediaUrlTtlMs: 1_000 });
});
afterAll(async () => {
  await emulator?.stop();
});
beforeEach(async () => {
  await emulator.clearRequests();
  await emulator.clearFaults();
});

// Every byte value, so a text decoding anywhere on the way would show.
const PNG_BYTES = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Array.from({ length: 256 }, (_, i) => i)]);

function uploadForm(bytes: Uint8Array<ArrayBuffer>, type: string, filename = 'photo.png', product = 'whatsapp'): FormData {
  const form = new FormData();
  form.append('messaging_product', product);
  form.append('type', type);
  form.append('file', new Blob([bytes], { type }), filename);
  return form;
}

async function upload(bytes = PNG_BYTES, type = 'image/png'): Promise<string> {
  const answer = await graph(emulator, 'POST', `/${VERSION}/${PHONE_NUMBER_ID}/media`, uploadForm(bytes, type));
  expect(answer.status).toBe(200);
  return answer.json.id as string;
}

describe('upload', () => {
  it('answers { id } and records the multipart parts', async () => {
    const answer = await graph(emulator, 'POST', `/${VERSION}/${PHONE_NUMBER_ID}/media`, uploadForm(PNG_BYTES, 'image/png'));
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ id: expect.stringMatching(/^\d{15,}$/) });
    const [recorded] = await emulator.requests();
    expect(recorded?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(recorded?.multipart).toEqual({
      fields: { messaging_product: 'whatsapp', type: 'image/png' },
      files: [
        {
          name: 'file',
          filename: 'photo.png',
          contentType: 'image/png',
          size: PNG_BYTES.byteLength,
          sha256: createHash('sha256').update(PNG_BYTES).digest('hex'),
        },
      ],
    });
  });

  it.each([
    ['without messaging_product', (() => { const f = new FormData(); f.append('file', new Blob([PNG_BYTES], { type: 'image/png' }), 'a.png'); return f; })(), 'The parameter messaging_product is required.'],
    ['without a file', (() => { const f = new FormData(); f.append('messaging_product', 'whatsapp'); return f; })(), 'The parameter file is required.'],
    ['of an unsupported type', uploadForm(PNG_BYTES, 'application/zip', 'a.zip'), "Received file of type 'application/zip'."],
  ])('rejects an upload %s with code 100', async (_, form, message) => {
    const answer = await graph(emulator, 'POST', `/${VERSION}/${PHONE_NUMBER_ID}/media`, form);
    expect(answer.status).toBe(400);
    expect(answer.json.error.code).toBe(100);
    expect(answer.json.error.message).toContain(message);
  });

  it('rejects a sticker over 500 KB with 131053', async () => {
    const answer = await graph(emulator, 'POST', `/${VERSION}/${PHONE_NUMBER_ID}/media`, uploadForm(new Uint8Array(600 * 1024), 'image/webp', 's.webp'));
    expect(answer.status).toBe(400);
    expect(answer.json.error.code).toBe(131053);
  });
});

describe('metadata, download and delete', () => {
  it('returns Meta’s metadata and a URL that serves the bytes with the bearer token', async () => {
    const id = await upload();
    const meta = await graph(emulator, 'GET', `/${VERSION}/${id}`);
    expect(meta.status).toBe(200);
    expect(meta.json).toEqual({
      messaging_product: 'whatsapp',
      url: expect.stringContaining(`${emulator.url}/whatsapp_business/attachments/?mid=${id}&ext=`),
      mime_type: 'image/png',
      sha256: createHash('sha256').update(PNG_BYTES).digest('hex'),
      file_size: PNG_BYTES.byteLength,
      id,
    });

    const download = await fetch(meta.json.url, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(PNG_BYTES);
  });

  it('refuses the download without the token', async () => {
    const id = await upload();
    const { json } = await graph(emulator, 'GET', `/${VERSION}/${id}`);
    expect((await fetch(json.url)).status).toBe(401);
  });

  it('expires the URL after the configured time; a fresh GET gives a new one', async () => {
    const id = await upload();
    const first = (await graph(emulator, 'GET', `/${VERSION}/${id}`)).json.url as string;
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await fetch(first, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
    const second = (await graph(emulator, 'GET', `/${VERSION}/${id}`)).json.url as string;
    expect(second).not.toBe(first);
    expect((await fetch(second, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
  });

  it('can fail a download once with a fault on the attachments path', async () => {
    const id = await upload();
    const { json } = await graph(emulator, 'GET', `/${VERSION}/${id}`);
    await emulator.addFaults({ match: { pathPattern: '^/whatsapp_business/attachments/' }, status: 404, body: '' });
    expect((await fetch(json.url, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
    expect((await fetch(json.url, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
  });

  it('deletes media: { success: true }, then the id is unknown', async () => {
    const id = await upload();
    const { json } = await graph(emulator, 'GET', `/${VERSION}/${id}`);
    expect((await graph(emulator, 'DELETE', `/${VERSION}/${id}`)).json).toEqual({ success: true });
    const again = await graph(emulator, 'GET', `/${VERSION}/${id}`);
    expect(again.status).toBe(400);
    expect(again.json.error).toMatchObject({ code: 100, error_subcode: 33 });
    expect((await fetch(json.url, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
  });

  it('serves media seeded through the control API', async () => {
    const seeded = await fetch(`${emulator.url}/_emulator/media`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mimeType: 'application/pdf', dataBase64: Buffer.from('%PDF-1.4 test').toString('base64'), filename: 'a.pdf' }),
    }).then((response) => response.json());
    const { json } = await graph(emulator, 'GET', `/${VERSION}/${seeded.id}`);
    expect(json).toMatchObject({ mime_type: 'application/pdf', sha256: seeded.sha256, file_size: 13 });
    const download = await fetch(json.url, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(await download.text()).toBe('%PDF-1.4 test');
  });
});
