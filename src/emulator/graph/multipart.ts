// multipart/form-data (RFC 7578) as far as a media upload needs it: named fields and files.

export interface MultipartFile {
  name: string;
  filename?: string;
  contentType?: string;
  data: Uint8Array;
}

export interface MultipartForm {
  fields: Record<string, string>;
  files: MultipartFile[];
}

export function multipartBoundary(contentType: string | undefined): string | undefined {
  if (!contentType || !/^multipart\/form-data/i.test(contentType)) return undefined;
  return contentType.match(/boundary=(?:"([^"]+)"|([^;\s]+))/i)?.slice(1).find((part) => part !== undefined);
}

/** The parts of the body, or undefined when it is not well-formed multipart. */
export function parseMultipart(body: Uint8Array, boundary: string): MultipartForm | undefined {
  const buffer = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const delimiter = Buffer.from(`--${boundary}`);
  const nextDelimiter = Buffer.from(`\r\n--${boundary}`);
  const form: MultipartForm = { fields: {}, files: [] };

  let position = buffer.indexOf(delimiter);
  if (position < 0) return undefined;
  position += delimiter.length;
  for (;;) {
    if (buffer.subarray(position, position + 2).toString('latin1') === '--') return form;
    if (buffer.subarray(position, position + 2).toString('latin1') !== '\r\n') return undefined;
    const headersEnd = buffer.indexOf('\r\n\r\n', position + 2);
    if (headersEnd < 0) return undefined;
    const headers = parseHeaders(buffer.subarray(position + 2, headersEnd).toString('utf8'));
    const contentStart = headersEnd + 4;
    const contentEnd = buffer.indexOf(nextDelimiter, contentStart);
    if (contentEnd < 0) return undefined;
    const content = buffer.subarray(contentStart, contentEnd);
    const disposition = headers['content-disposition'] ?? '';
    const name = dispositionParam(disposition, 'name');
    const filename = dispositionParam(disposition, 'filename');
    if (name !== undefined) {
      if (filename !== undefined || headers['content-type'] !== undefined) {
        form.files.push({
          name,
          ...(filename === undefined ? {} : { filename }),
          ...(headers['content-type'] === undefined ? {} : { contentType: headers['content-type'] }),
          data: new Uint8Array(content),
        });
      } else {
        form.fields[name] = content.toString('utf8');
      }
    }
    position = contentEnd + nextDelimiter.length;
  }
}

function parseHeaders(block: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

function dispositionParam(disposition: string, param: string): string | undefined {
  const match = disposition.match(new RegExp(`(?:^|;)\\s*${param}="((?:[^"\\\\]|\\\\.)*)"`, 'i')) ?? disposition.match(new RegExp(`(?:^|;)\\s*${param}=([^;\\s]+)`, 'i'));
  return match?.[1]?.replace(/\\(.)/g, '$1');
}
