// The example agent: what it exports, in the order things happen. asterai:whatsapp calls
// `incomingHandler.onMessage` for every message a user sends, `statusHandler.onStatus` for every
// receipt of what we sent, `echoHandler.onEcho` for every message someone at the business sends
// from the WhatsApp Business app, and `preferenceHandler.onPreference` when a user stops or
// resumes marketing messages, each in a fresh instance of this component.
//
// An export must never throw: an uncaught error traps the instance, and asterai:whatsapp logs
// the message as NOT delivered to this handler. So every export catches and logs.
import type { Message, MessageEcho, MessageStatus, UserPreference } from 'asterai:whatsapp/types@0.3.0';
import voiceAnswer from '../assets/voice-answer.ogg';
import { answerFor, type Answer } from './answer.ts';
import { STAFF_QUIET_MS, offersWelcome, staffIsAnswering } from './chat-notes.ts';
import { Memory } from './memory.ts';
import { describeSendError, describeStatus, shortId } from './report.ts';
import {
  CallFailed,
  SendFailed,
  markRead,
  sendAudio,
  sendButtons,
  sendCtaUrl,
  sendList,
  sendLocation,
  sendLocationRequest,
  sendTemplate,
  sendText,
  uploadMedia,
  type SendOptions,
} from './whatsapp.ts';

/**
 * The approved template the agent sends when a user's 24-hour window has closed: Meta gives
 * every WhatsApp Business account `hello_world` (en_US), which has no variables.
 */
const WINDOW_CLOSED_TEMPLATE = { name: 'hello_world', language: 'en_US' };

export const incomingHandler = {
  onMessage(message: Message): void {
    const who = message.sender.name || message.sender.username || message.sender.address || 'someone';
    // `chat` is where an answer goes: the user's best address (phone number, else user id), or
    // the group a message was written in.
    const to = message.chat;
    try {
      const memory = Memory.open();
      const notes = memory?.read(to) ?? {};
      if (staffIsAnswering(notes, Date.now())) {
        console.log(`${who}: ${message.kind} ${shortId(message.id)}, not answered: someone at the business is answering this chat`);
        return;
      }
      const answer = answerFor(message, { offers: offersWelcome(memory?.read(message.sender.address) ?? {}) });
      if (answer.kind === 'none') {
        console.log(`${who}: ${message.kind} ${shortId(message.id)}, not answered: ${answer.why}`);
        return;
      }
      // The user sees the blue ticks and "typing…" while we work on the answer.
      attempt('mark-read', () => markRead(message.id, true));
      // Quote the message, and tag what we send with its id: every status of the answer carries it back.
      const options: SendOptions = { replyTo: message.id, callbackData: message.id };
      try {
        const sent = send(to, answer, options);
        console.log(`answered ${who}: ${summary(answer)} (${sent.map(shortId).join(', ')})`);
      } catch (error) {
        if (!(error instanceof SendFailed) || error.error.kind !== 'window-closed') throw error;
        // Only a template reaches a user who last wrote more than 24 hours ago.
        console.error(`could not answer ${who} (${message.kind} ${shortId(message.id)}): ${describe(error)}`);
        const id = sendTemplate(to, WINDOW_CLOSED_TEMPLATE.name, WINDOW_CLOSED_TEMPLATE.language, { callbackData: message.id });
        console.log(`sent ${who} the template ${WINDOW_CLOSED_TEMPLATE.name} instead (${shortId(id)})`);
      }
    } catch (error) {
      console.error(`could not answer ${who} (${message.kind} ${shortId(message.id)}): ${describe(error)}`);
    }
  },
};

export const echoHandler = {
  onEcho(echo: MessageEcho): void {
    try {
      // Someone at the business answered from the WhatsApp Business app: keep out of their way.
      Memory.open()?.note(echo.to.address, { staffWroteAt: Date.now() });
      console.log(`someone at the business wrote to ${echo.to.name || echo.to.address} from the WhatsApp Business app: quiet in that chat for ${STAFF_QUIET_MS / 60_000} min`);
    } catch (error) {
      console.error(`echo ${shortId(echo.id)}: ${describe(error)}`);
    }
  },
};

export const preferenceHandler = {
  onPreference(preference: UserPreference): void {
    try {
      Memory.open()?.note(preference.user.address, { marketing: preference.value });
      const who = preference.user.name || preference.user.address;
      // A preference is not a message: nothing is sent back, and the welcome offer stops after a "stop".
      console.log(`${who} ${preference.value === 'stop' ? 'stopped' : preference.value === 'resume' ? 'resumed' : `set "${preference.value}" for`} marketing messages`);
    } catch (error) {
      console.error(`preference of ${preference.user.address}: ${describe(error)}`);
    }
  },
};

export const statusHandler = {
  onStatus(status: MessageStatus): void {
    try {
      const line = describeStatus(status);
      if (status.status === 'failed') console.error(line);
      else console.log(line);
    } catch (error) {
      console.error(`status ${status.status} of ${status.id}: ${describe(error)}`);
    }
  },
};

/** Sends the answer; returns the wamids. */
function send(to: string, answer: Exclude<Answer, { kind: 'none' }>, options: SendOptions): string[] {
  switch (answer.kind) {
    case 'text':
      return sendText(to, answer.body, options);
    case 'buttons':
      return [sendButtons(to, answer.body, answer.buttons, options)];
    case 'list':
      return [sendList(to, answer.body, answer.buttonLabel, answer.sections, options)];
    case 'location':
      return [sendLocation(to, answer.latitude, answer.longitude, answer.name, answer.address, options)];
    case 'cta':
      return [sendCtaUrl(to, answer.body, answer.label, answer.url, options)];
    case 'location-request':
      return [sendLocationRequest(to, answer.body, options)];
    case 'voice': {
      // A voice note must be OGG/Opus (Meta): the recording is uploaded, then sent by its media id.
      const mediaId = uploadMedia(voiceAnswer, 'audio/ogg', 'voice-answer.ogg');
      return [sendAudio(to, mediaId, true, options)];
    }
  }
}

/** A step the answer does not depend on: its failure is logged, and the agent carries on. */
function attempt(operation: string, step: () => void): void {
  try {
    step();
  } catch (error) {
    console.warn(`${describe(error, operation)}; answering anyway`);
  }
}

function summary(answer: Exclude<Answer, { kind: 'none' }>): string {
  switch (answer.kind) {
    case 'text':
      return JSON.stringify(answer.body);
    case 'buttons':
      return `${JSON.stringify(answer.body)} [${answer.buttons.map((b) => b.title).join(' | ')}]`;
    case 'list':
      return `${JSON.stringify(answer.body)} [${answer.sections.flatMap((s) => s.rows.map((r) => r.title)).join(' | ')}]`;
    case 'location':
      return `location ${answer.name} (${answer.latitude}, ${answer.longitude})`;
    case 'cta':
      return `${JSON.stringify(answer.body)} [${answer.label} → ${answer.url}]`;
    case 'location-request':
      return `${JSON.stringify(answer.body)} [Send location]`;
    case 'voice':
      return `a voice note (${voiceAnswer.length} bytes of OGG/Opus)`;
  }
}

function describe(error: unknown, operation?: string): string {
  if (error instanceof SendFailed) return describeSendError(operation ?? error.operation, error.error);
  if (error instanceof CallFailed) return error.message;
  return error instanceof Error ? error.message : String(error);
}
