// The control API under /_emulator/: what tests and the sandbox use to look inside the emulator
// and to script it. Never recorded, never faulted, no token.
import { parseInboundSpec, writeAsUser } from '../conversation/inbound.ts';
import type { Transcript } from '../conversation/transcript.ts';
import type { UserDirectory } from '../conversation/users.ts';
import { bodyJson, jsonReply, type EmulatorRequest, type Reply } from '../exchange.ts';
import { waIdOf } from '../graph/ids.ts';
import type { MediaStore } from '../graph/media.ts';
import { isObject } from '../graph/params.ts';
import type { RuntimeSettings } from '../types.ts';
import { WebhookNotConfigured, type WebhookDeliverer } from '../webhooks/delivery.ts';
import type { BusinessIdentity } from '../webhooks/payloads.ts';
import { parseFaults, type FaultQueue } from './faults.ts';
import type { RequestRecorder } from './recorder.ts';

export const CONTROL_PREFIX = '/_emulator/';

export interface ControlContext {
  recorder: RequestRecorder;
  faults: FaultQueue;
  media: MediaStore;
  settings: RuntimeSettings;
  transcript: Transcript;
  users: UserDirectory;
  deliverer: WebhookDeliverer;
  business: BusinessIdentity;
  health(): Record<string, unknown>;
}

/** Long polls of the transcript wait at most this long. */
const MAX_WAIT_MS = 60_000;

export async function routeControl(request: EmulatorRequest, context: ControlContext): Promise<Reply> {
  const route = `${request.method} ${request.pathname.slice(CONTROL_PREFIX.length).replace(/\/$/, '')}`;
  switch (route) {
    case 'GET health':
      return jsonReply(200, { status: 'ok', ...context.health() });
    case 'GET requests':
      return jsonReply(200, { requests: context.recorder.list() });
    case 'DELETE requests':
      return jsonReply(200, { cleared: context.recorder.clear() });
    case 'GET faults':
      return jsonReply(200, { pending: context.faults.pending() });
    case 'POST faults': {
      const faults = parseFaults(bodyJson(request));
      if (typeof faults === 'string') return problem(400, faults);
      context.faults.add(faults);
      return jsonReply(200, { pending: context.faults.pending() });
    }
    case 'DELETE faults':
      return jsonReply(200, { cleared: context.faults.clear() });
    case 'GET config':
      return jsonReply(200, publicSettings(context.settings));
    case 'PATCH config':
      return patchSettings(context.settings, bodyJson(request));
    case 'POST media':
      return seedMedia(context.media, bodyJson(request));
    case 'GET transcript':
      return transcript(request, context.transcript);
    case 'DELETE transcript':
      return jsonReply(200, { cleared: context.transcript.clear() });
    case 'POST inbound':
      return inbound(request, context);
    case 'GET deliveries':
      return jsonReply(200, { deliveries: context.deliverer.list() });
    case 'DELETE deliveries':
      return jsonReply(200, { cleared: context.deliverer.clear() });
    default:
      return problem(404, `no control route ${route}; see src/emulator/README.md`);
  }
}

function problem(status: number, message: string): Reply {
  return jsonReply(status, { error: message });
}

function publicSettings(settings: RuntimeSettings): Record<string, unknown> {
  const { appSecret, ...rest } = settings;
  return { ...rest, appSecretSet: appSecret !== undefined && appSecret !== '' };
}

function patchSettings(settings: RuntimeSettings, patch: unknown): Reply {
  if (!isObject(patch)) return problem(400, 'body must be a JSON object');
  const { webhookUrl, appSecret, statusDelayMs, mediaUrlTtlMs, enforceWindow, authenticationTemplates, ...unknown } = patch;
  if (Object.keys(unknown).length > 0) return problem(400, `unknown setting(s) ${Object.keys(unknown).join(', ')}`);
  if (webhookUrl !== undefined && webhookUrl !== null && (typeof webhookUrl !== 'string' || !URL.canParse(webhookUrl))) {
    return problem(400, 'webhookUrl must be an absolute URL or null');
  }
  if (appSecret !== undefined && typeof appSecret !== 'string') return problem(400, 'appSecret must be a string');
  if (statusDelayMs !== undefined && !(typeof statusDelayMs === 'number' && statusDelayMs >= -1)) {
    return problem(400, 'statusDelayMs must be a number >= 0, or -1 to send no statuses');
  }
  if (mediaUrlTtlMs !== undefined && !(typeof mediaUrlTtlMs === 'number' && mediaUrlTtlMs >= 0)) {
    return problem(400, 'mediaUrlTtlMs must be a number >= 0');
  }
  if (enforceWindow !== undefined && typeof enforceWindow !== 'boolean') return problem(400, 'enforceWindow must be a boolean');
  if (authenticationTemplates !== undefined && !(Array.isArray(authenticationTemplates) && authenticationTemplates.every((name) => typeof name === 'string'))) {
    return problem(400, 'authenticationTemplates must be a list of template names');
  }
  if (webhookUrl === null) delete settings.webhookUrl;
  else if (webhookUrl !== undefined) settings.webhookUrl = webhookUrl as string;
  if (appSecret !== undefined) settings.appSecret = appSecret;
  if (statusDelayMs !== undefined) settings.statusDelayMs = statusDelayMs as number;
  if (mediaUrlTtlMs !== undefined) settings.mediaUrlTtlMs = mediaUrlTtlMs as number;
  if (enforceWindow !== undefined) settings.enforceWindow = enforceWindow;
  if (authenticationTemplates !== undefined) settings.authenticationTemplates = authenticationTemplates as string[];
  return jsonReply(200, publicSettings(settings));
}

/** Puts media in the store without the Graph upload: `{ mimeType, dataBase64, filename? }` → `{ id, sha256, fileSize }`. */
function seedMedia(store: MediaStore, body: unknown): Reply {
  if (!isObject(body) || typeof body['mimeType'] !== 'string' || typeof body['dataBase64'] !== 'string') {
    return problem(400, 'body must be { mimeType, dataBase64, filename? }');
  }
  const filename = typeof body['filename'] === 'string' ? body['filename'] : undefined;
  const media = store.add(new Uint8Array(Buffer.from(body['dataBase64'], 'base64')), body['mimeType'], filename);
  return jsonReply(200, { id: media.id, sha256: media.sha256, fileSize: media.data.byteLength });
}

/**
 * `GET /_emulator/transcript[?user=&since=&waitMs=]`: the conversation of one user (or all),
 * only entries changed after revision `since`; with `waitMs`, waits for a change first.
 */
async function transcript(request: EmulatorRequest, store: Transcript): Promise<Reply> {
  const userParam = request.query.get('user');
  // A conversation is keyed by the user's phone digits, else by their user id (or a group id).
  const user = userParam === null ? undefined : /^[+\d\s\-().]+$/.test(userParam) ? waIdOf(userParam) : userParam;
  const since = Number(request.query.get('since') ?? 0);
  const waitMs = Math.min(Number(request.query.get('waitMs') ?? 0), MAX_WAIT_MS);
  if (!Number.isFinite(since) || !Number.isFinite(waitMs)) return problem(400, 'since and waitMs must be numbers');
  if (waitMs > 0) {
    // Wait for a change that concerns this user (or anyone, without `user`).
    const deadline = Date.now() + waitMs;
    let seen = since;
    while (store.page(user, since).entries.length === 0 && Date.now() < deadline && !request.signal.aborted) {
      await store.waitForChange(seen, deadline - Date.now(), request.signal);
      seen = store.page(undefined, 0).revision;
    }
  }
  return jsonReply(200, store.page(user, since));
}

async function inbound(request: EmulatorRequest, context: ControlContext): Promise<Reply> {
  const spec = parseInboundSpec(bodyJson(request));
  if (typeof spec === 'string') return problem(400, spec);
  try {
    const result = await writeAsUser(spec, {
      transcript: context.transcript,
      media: context.media,
      users: context.users,
      businessDigits: context.business.displayPhoneNumberDigits,
      now: new Date(),
      business: context.business,
      deliverer: context.deliverer,
    });
    return typeof result === 'string' ? problem(400, result) : jsonReply(200, result);
  } catch (error) {
    if (error instanceof WebhookNotConfigured) return problem(409, error.message);
    throw error;
  }
}
