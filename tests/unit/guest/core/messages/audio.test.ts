import { describe, expect, it } from 'vitest';
import { buildAudioMessage, requireVoiceType } from '../../../../../src/guest/core/messages/audio.ts';
import { refusal } from './refusal.ts';

describe('buildAudioMessage', () => {
  it('sends an audio file without the voice flag', () => {
    expect(buildAudioMessage('16505551234', 'https://example.com/song.mp3', false)).toStrictEqual({
      message: { messaging_product: 'whatsapp', recipient_type: 'individual', to: '16505551234', type: 'audio', audio: { link: 'https://example.com/song.mp3' } },
    });
  });

  it('flags a voice note, and asks for the media\'s type to be checked when it is a media id', () => {
    expect(buildAudioMessage('1', '1013859600285441', true, { callbackData: 'tts-1' })).toStrictEqual({
      message: { messaging_product: 'whatsapp', recipient_type: 'individual', to: '1', type: 'audio', audio: { id: '1013859600285441', voice: true }, biz_opaque_callback_data: 'tts-1' },
      voiceMediaId: '1013859600285441',
    });
  });

  it.each(['https://cdn.example.com/a.ogg', 'https://cdn.example.com/voice/A.OPUS', 'https://cdn.example.com/a.ogg?sig=abc'])('takes the voice note link %j', (link) => {
    expect(buildAudioMessage('1', link, true)).toStrictEqual({ message: expect.objectContaining({ audio: { link, voice: true } }) });
  });

  it.each(['https://cdn.example.com/a.mp3', 'https://cdn.example.com/tts?format=ogg', 'https://cdn.example.com/ogg'])('refuses the voice note link %j', (link) => {
    expect(refusal(() => buildAudioMessage('1', link, true)).message).toBe(
      `voice note link "${link}" does not name an .ogg or .opus file: a voice note must be OGG with the Opus codec`,
    );
  });

  it('refuses a source that is no media', () => {
    expect(refusal(() => buildAudioMessage('1', 'song.mp3', false)).message).toContain('media source "song.mp3" is neither a media id');
  });
});

describe('requireVoiceType', () => {
  it.each(['audio/ogg', 'audio/ogg; codecs=opus', 'Audio/OGG'])('accepts %j', (type) => {
    expect(() => requireVoiceType('42', type)).not.toThrow();
  });

  it.each(['audio/mpeg', 'audio/mp4', 'application/octet-stream'])('refuses %j', (type) => {
    expect(refusal(() => requireVoiceType('42', type)).message).toBe(`voice note media 42 is "${type}": a voice note must be OGG with the Opus codec (upload it as audio/ogg)`);
  });
});
