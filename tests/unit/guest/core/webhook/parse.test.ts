import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { eventKey, type InboundEvent } from '../../../../../src/guest/core/webhook/events.ts';
import { parseWebhook } from '../../../../../src/guest/core/webhook/parse.ts';
import { FIXTURES, business, fixture, message, meta, payload, sheena, status, user } from './support.ts';

const OUR_LAST = 'wamid.HBgLMTY1MDU1NTEyMzQVAgARGBI4QjY0QTdFMEY2MDRBNUI2MzgA';
const SENT_ID = 'wamid.HBgLMTY1MDU1NTEyMzQVAgARGBIzRkQ4QkE3MkY5RjlDMjE2NkQA';
const GROUP = 'Y2FwaV9ncm91cDoxNzA1NTU1MDEzOToxMjAzNjM0MDQ2OTQyMzM4MjAZD';
const FLOW_RESPONSE = '{"flow_token": "booking-7781", "appointment_date": "2026-07-14", "party_size": "2", "notes": "Table by the window, s\'il vous plaît"}';

// [fixture, expected events, expected notes]
const CASES: [string, InboundEvent[], { level: string; text: string }[]][] = [
  [
    'text.json',
    [
      message({
        id: 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=',
        kind: 'text',
        content: 'Does it come in another color?',
        timestamp: 1749416383,
        sender: { ...sheena, userId: 'US.13491208655302741918' },
      }),
    ],
    [],
  ],
  [
    'unicode-escaped-body.json',
    [
      message({
        id: 'wamid.HBgLMzM2MTIzNDU2NzgVAgASGBQzQUVTQ0FQRURDQUZFMDAwMDAwMQA=',
        kind: 'text',
        content: 'Café ☕ – la carte est ici : https://example.com/menu',
        timestamp: 1749416400,
        sender: { name: 'Renée Dupré', phone: '33612345678' },
      }),
    ],
    [],
  ],
  [
    'image-with-caption.json',
    [
      message({
        id: 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQUI3MUVGQTVDNTJEQ0M0OTUwOQA=',
        kind: 'image',
        content: 'This one, in blue?',
        timestamp: 1749416500,
        media: {
          id: '1003383421387256',
          mimeType: 'image/jpeg',
          sha256: 'HgQ6Jgd7MPIDZRaNnEA9wfCrfs4bx0PPZUFC9NHzdBM=',
          caption: 'This one, in blue?',
          voice: false,
          animated: false,
        },
      }),
    ],
    [],
  ],
  [
    'image-without-caption.json',
    [
      message({
        id: 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTg5QjVCNjJFM0E1OUE3QzZFMgA=',
        kind: 'image',
        content: '[image]',
        timestamp: 1749416510,
        media: { id: '1510913906592164', mimeType: 'image/png', sha256: 'y7Jb9nA5q2k8J8cTqR7o5yH1sKq2m0bVz3uP4dXg6Fo=', voice: false, animated: false },
      }),
    ],
    [],
  ],
  [
    'voice-note.json',
    [
      message({
        id: 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQUY0RDQ4RjE1MTRGQjU1QjA2RQA=',
        kind: 'audio',
        content: '[voice message]',
        timestamp: 1749416620,
        media: { id: '1226712098489925', mimeType: 'audio/ogg; codecs=opus', sha256: '9o7oXl5Q0CnP3pY+Gk2oN4g1b3hY7Dd1cE2sVx0aQ8k=', voice: true, animated: false },
      }),
    ],
    [],
  ],
  [
    'audio-file.json',
    [
      message({
        id: 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTVBQUQ0NjI4OTI3Qjc4RkY1RQA=',
        kind: 'audio',
        content: '[audio]',
        timestamp: 1749416630,
        media: { id: '772316385108962', mimeType: 'audio/mpeg', sha256: 'kR3f8VnV9p1xT0ZtLq4hW2oS6bYcA5uE7iN3mJ8dP0g=', voice: false, animated: false },
      }),
    ],
    [],
  ],
  [
    'video-with-caption.json',
    [
      message({
        id: 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTJDNEQ1NkUyRjdBOEI5MDFDMgA=',
        kind: 'video',
        content: 'It makes this noise when I start it',
        timestamp: 1749416640,
        media: {
          id: '1684563118821054',
          mimeType: 'video/mp4',
          sha256: '1fT0t4V7d6oK9sB2Wq3ZxJ5nHc8LmYpR0uE4aI7gS2Q=',
          caption: 'It makes this noise when I start it',
          voice: false,
          animated: false,
        },
      }),
    ],
    [],
  ],
  [
    'document-with-filename.json',
    [
      message({
        id: 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTlEQjhBMjRFMTgzNjBENDZBRQA=',
        kind: 'document',
        content: '[document: invoice.pdf]',
        timestamp: 1749416700,
        media: {
          id: '943209347612839',
          mimeType: 'application/pdf',
          sha256: 'Ns8Q2mV1eB9xK0pT7wZ3cY5uH4jL6rA8dF2gS1oI9nE=',
          filename: 'invoice.pdf',
          voice: false,
          animated: false,
        },
      }),
    ],
    [],
  ],
  [
    'sticker.json',
    [
      message({
        id: 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTdBOTk1QzE0NUVGNjI0RTJGNwA=',
        kind: 'sticker',
        content: '[sticker]',
        timestamp: 1749416800,
        media: { id: '1047280937203412', mimeType: 'image/webp', sha256: 'P5yB3nX8cV1mQ0kT6wJ2dZ9sH4uL7rA0eF3gR8oI1tE=', voice: false, animated: false },
      }),
    ],
    [],
  ],
  [
    'location-current.json',
    [
      message({
        id: 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQUQ4MzEyQzZBMDRCQjk1NjFERgA=',
        kind: 'location',
        content: '[location: (37.4851289, -122.1483994)]',
        timestamp: 1749416900,
        location: { latitude: 37.4851289, longitude: -122.1483994 },
      }),
    ],
    [],
  ],
  [
    'location-chosen.json',
    [
      message({
        id: 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTRFNTY3OEFCQ0RFRjAxMjM0NQA=',
        kind: 'location',
        content: '[location: Philz Coffee, 101 Forest Ave, Palo Alto, CA 94301 (37.444431, -122.16246)]',
        timestamp: 1749416910,
        location: {
          latitude: 37.444431,
          longitude: -122.16246,
          name: 'Philz Coffee',
          address: '101 Forest Ave, Palo Alto, CA 94301',
          url: 'https://philzcoffee.com/',
        },
      }),
    ],
    [],
  ],
  [
    'contacts-shared.json',
    [
      message({
        id: 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQUNGMTIzNDU2Nzg5MEFCQ0RFRgA=',
        kind: 'contacts',
        content: '[contact: Barbara J. Johnson +1 (940) 555-1234, +1 (650) 555-1234]\n[contact: Paul +44 7700 900123]',
        timestamp: 1749417000,
        contacts: [
          {
            name: { formattedName: 'Barbara J. Johnson', firstName: 'Barbara', lastName: 'Johnson', middleName: undefined, prefix: undefined, suffix: undefined },
            phones: [
              { phone: '+1 (940) 555-1234', waId: '19405551234', kind: 'CELL' },
              { phone: '+1 (650) 555-1234', waId: undefined, kind: 'WORK' },
            ],
            emails: [{ email: 'bjohnson@example.com', kind: 'WORK' }],
            addresses: [{ street: '1 Hacker Way', city: 'Menlo Park', state: 'CA', zip: '94025', country: 'United States', countryCode: 'us', kind: 'WORK' }],
            org: { company: 'Lucky Shrub', department: 'Sales', title: 'Manager' },
            urls: [{ url: 'https://www.luckyshrub.com', kind: 'WORK' }],
            birthday: '1999-01-23',
          },
          {
            name: { formattedName: 'Paul', firstName: 'Paul', lastName: undefined, middleName: undefined, prefix: undefined, suffix: undefined },
            phones: [{ phone: '+44 7700 900123', waId: '447700900123', kind: 'MOBILE' }],
            emails: [],
            addresses: [],
            org: undefined,
            urls: [],
            birthday: undefined,
          },
        ],
      }),
    ],
    [],
  ],
  [
    'interactive-button-reply.json',
    [
      message({
        id: 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQUJVVFRPTlJFUExZMDAwMDAxAA==',
        kind: 'interactive',
        content: 'Change',
        timestamp: 1749417100,
        replyId: 'change-button',
        replyTo: OUR_LAST,
      }),
    ],
    [],
  ],
  [
    'interactive-list-reply.json',
    [
      message({
        id: 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQUxJU1RSRVBMWTAwMDAwMDEAAA==',
        kind: 'interactive',
        content: 'Express Shipping',
        timestamp: 1749417200,
        replyId: 'priority_express',
        replyTo: OUR_LAST,
      }),
    ],
    [],
  ],
  [
    'template-button.json',
    [
      message({
        id: 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQVRFTVBMQVRFQlVUVE9OMDAxAA==',
        kind: 'button',
        content: 'Stop promotions',
        timestamp: 1749417300,
        replyId: 'STOP_PROMOTIONS',
        replyTo: 'wamid.HBgLMTY1MDU1NTEyMzQVAgARGBJBMUIyQzNENEU1RjZBN0I4QzkA',
      }),
    ],
    [],
  ],
  [
    'reaction.json',
    [
      message({
        id: 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQVJFQUNUSU9OMDAwMDAwMDAxAA==',
        kind: 'reaction',
        content: '👍',
        timestamp: 1749417400,
        replyTo: OUR_LAST,
      }),
    ],
    [],
  ],
  [
    'reaction-removed-empty.json',
    [
      message({
        id: 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQVJFQUNUSU9OMDAwMDAwMDAyAA==',
        kind: 'reaction',
        content: '',
        timestamp: 1749417410,
        replyTo: OUR_LAST,
      }),
    ],
    [],
  ],
  [
    'reaction-removed-omitted.json',
    [
      message({
        id: 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQVJFQUNUSU9OMDAwMDAwMDAzAA==',
        kind: 'reaction',
        content: '',
        timestamp: 1749417420,
        replyTo: OUR_LAST,
      }),
    ],
    [],
  ],
  [
    'reply-context.json',
    [
      message({
        id: 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQVJFUExZMDAwMDAwMDAwMDAxAA==',
        kind: 'text',
        content: 'Yes, Tuesday works for me',
        timestamp: 1749417500,
        replyTo: OUR_LAST,
      }),
    ],
    [],
  ],
  [
    'forwarded.json',
    [
      message({
        id: 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQUZPUldBUkRFRDAwMDAwMDAxAA==',
        kind: 'text',
        content: 'Look at this deal',
        timestamp: 1749417600,
        forwarded: true,
      }),
      message({
        id: 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQUZPUldBUkRFRDAwMDAwMDAyAA==',
        kind: 'image',
        content: '[image]',
        timestamp: 1749417601,
        forwarded: true,
        media: { id: '3861019507519284', mimeType: 'image/jpeg', sha256: 'Vq2L3b0cN8mX7kQ1tZ5wY9sH6uJ4rA0dF3gE8oI2pR=', voice: false, animated: false },
      }),
    ],
    [],
  ],
  [
    'unsupported-with-errors.json',
    [
      message({
        id: 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQVVOU1VQUE9SVEVEMDAwMDAxAA==',
        kind: 'unsupported',
        content: '[unsupported message: edit]',
        timestamp: 1749417700,
      }),
    ],
    [
      {
        level: 'warn',
        text:
          'entry[0].changes[0].messages[0] (wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQVVOU1VQUE9SVEVEMDAwMDAxAA==): ' +
          'message of type "unsupported" came with errors: 131051 Message type unknown: Message type is currently not supported.; delivered as unsupported',
      },
    ],
  ],
  [
    'unknown-future-type.json',
    [
      message({
        id: 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQUZVVFVSRVRZUEUwMDAwMDAxAA==',
        kind: 'unsupported',
        content: '[unsupported message: hologram]',
        timestamp: 1749417800,
      }),
    ],
    [],
  ],
  [
    'system-number-changed.json',
    [
      message({
        id: 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQVNZU1RFTTAwMDAwMDAwMDAxAA==',
        kind: 'number-change',
        content: 'User Sheena Nelson changed from 16505551234 to 12195555358',
        timestamp: 1749417900,
        // system messages come without contacts[]: no profile name to match
        sender: { name: '', phone: '16505551234' },
        changedTo: user({ phone: '12195555358' }),
      }),
    ],
    [],
  ],
  [
    'order.json',
    [
      message({
        id: 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQU9SREVSMDAwMDAwMDAwMDAxAA==',
        kind: 'order',
        content: '[order: 2 items] Please gift wrap the mug',
        timestamp: 1749418000,
        order: {
          catalogId: '194836987003835',
          items: [
            { productId: 'di9ozbzfi4', quantity: 2, price: 30, currency: 'USD' },
            { productId: 'nqryix03ez', quantity: 1, price: 25, currency: 'USD' },
          ],
          note: 'Please gift wrap the mug',
        },
      }),
    ],
    [],
  ],
  [
    'status-sent.json',
    [
      status({
        id: SENT_ID,
        status: 'sent',
        timestamp: 1749416390,
        conversationId: '6ceb9d929c9a2ee1e9bd6bbc4b2a8f7e',
        pricingCategory: 'service',
        callbackData: 'order-7781',
        to: user({ phone: '16505551234', userId: 'US.13491208655302741918' }),
      }),
    ],
    [],
  ],
  [
    'status-delivered.json',
    [
      status({
        id: SENT_ID,
        status: 'delivered',
        timestamp: 1749416391,
        conversationId: '6ceb9d929c9a2ee1e9bd6bbc4b2a8f7e',
        pricingCategory: 'service',
      }),
    ],
    [],
  ],
  ['status-read.json', [status({ id: SENT_ID, status: 'read', timestamp: 1749416455 })], []],
  [
    'status-failed.json',
    [
      status({
        id: 'wamid.HBgLMTY1MDU1NTEyMzQVAgARGBJGQUlMRURNRVNTQUdFMDAwMDEA',
        status: 'failed',
        timestamp: 1749416500,
        errors: [{ code: 131026, title: 'Message undeliverable', message: 'Message undeliverable', details: 'Message Undeliverable.' }],
      }),
    ],
    [
      {
        level: 'warn',
        text: 'entry[0].changes[0].statuses[0] (wamid.HBgLMTY1MDU1NTEyMzQVAgARGBJGQUlMRURNRVNTQUdFMDAwMDEA): message failed: 131026 Message undeliverable: Message Undeliverable.',
      },
    ],
  ],
  [
    'username-only-sender.json',
    [
      message({
        id: 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQVVTRVJOQU1FT05MWTAwMDAxAA==',
        kind: 'text',
        content: 'Hola, do you ship to Rosario?',
        timestamp: 1749418100,
        sender: { name: 'Pablo M.', phone: '', userId: 'AR.1502576394655843', username: '@pablo.m' },
      }),
      status({
        id: 'wamid.HBgLMTY1MDU1NTEyMzQVAgARGBJVU0VSTkFNRVNUQVRVUzAwMDEA',
        status: 'delivered',
        timestamp: 1749418050,
        recipient: 'AR.1502576394655843',
        // the change's contacts[] names the user the status is about
        to: user({ name: 'Pablo M.', userId: 'AR.1502576394655843', username: '@pablo.m' }),
      }),
    ],
    [],
  ],
  [
    'welcome-request.json',
    [
      message({
        id: 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQVdFTENPTUVSRVFVRVNUMDAxAA==',
        kind: 'welcome',
        content: '[opened the chat for the first time]',
        timestamp: 1750275900,
        sender: { userId: 'US.13491208655302741918' },
      }),
    ],
    [],
  ],
  [
    'referral-click-to-whatsapp-ad.json',
    [
      message({
        id: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUQ0N0VFMDA2MTQ0RkJFNkNDNAA=',
        kind: 'text',
        content: 'Can I get more info about this?',
        timestamp: 1750275992,
        referral: {
          sourceType: 'ad',
          sourceId: '120226305854810726',
          sourceUrl: 'https://fb.me/3cr4Wqqkv',
          headline: 'Chat with us',
          body: 'Summer Succulents are here!',
          mediaType: 'image',
          mediaUrl: 'https://scontent.xx.fbcdn.net/v/t45.1...',
          ctwaClid: 'Aff-n8ZTODiE79d22KtAwQKj9e_mIEOOj27vDVwFjN80dp4_0NiNhEgpGo0AHemvuSoifXaytfTzcchptiErTKCqTrJ5nW1h7IHYeYymGb5K5J5iTROpBhWAGaIAeUzHL50',
        },
      }),
    ],
    [],
  ],
  [
    'contacts-request-contact-info.json',
    [
      message({
        id: 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQUNPTlRBQ1RSRVFVRVNUMDAxAA==',
        kind: 'contacts',
        content: '[contact: Sheena Nelson +1 650-555-1234]',
        timestamp: 1750276100,
        // a user who shows only a username: no phone until they share it in the card
        sender: { phone: '', userId: 'US.13491208655302741918', username: '@realsheenanelson' },
        contacts: [
          {
            name: { formattedName: 'Sheena Nelson', firstName: 'Sheena', lastName: 'Nelson', middleName: undefined, prefix: undefined, suffix: undefined },
            phones: [{ phone: '+1 650-555-1234', waId: '16505551234', kind: 'CELL' }],
            emails: [],
            addresses: [],
            org: undefined,
            urls: [],
            birthday: undefined,
          },
        ],
      }),
    ],
    [],
  ],
  [
    'flow-reply.json',
    [
      message({
        id: 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQUZMT1dSRVBMWTAwMDAwMDAxAA==',
        kind: 'flow-reply',
        content: `[flow reply: ${FLOW_RESPONSE}]`,
        timestamp: 1750276200,
        replyTo: 'wamid.HBgLMTY1MDU1NTEyMzQVAgARGBJGTE9XU0VOVDAwMDAwMDAwMQA=',
        flowReply: { name: 'flow', flowToken: 'booking-7781', responseJson: FLOW_RESPONSE },
      }),
    ],
    [],
  ],
  [
    'system-user-id-changed.json',
    [
      message({
        id: 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQVNZU1RFTVVTRVJJRDAwMDAxAA==',
        kind: 'user-id-change',
        content: 'User Sheena Nelson changed from US.13491208655302741918 to US.24817305912873645029',
        timestamp: 1750276300,
        sender: { name: '', phone: '', userId: 'US.13491208655302741918' },
        changedTo: user({ userId: 'US.24817305912873645029', parentUserId: 'US.ENT.11815799212886844830' }),
      }),
    ],
    [],
  ],
  [
    'system-identity-changed.json',
    [
      message({
        id: 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQVNZU1RFTUlERU5USVRZMDAwMQA=',
        kind: 'identity-change',
        content: "Sheena Nelson's security code changed",
        timestamp: 1750276400,
        sender: { name: '' },
      }),
    ],
    [],
  ],
  [
    'edit-image-caption.json',
    [
      message({
        id: 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQUVESVRFVkVOVDAwMDAwMDAxAA==',
        kind: 'edit',
        content: '[edited] This one, in blue? (the one on the left)',
        timestamp: 1739321024,
        originalId: 'wamid.HBgLMTQxMjU1NTA4MjkVAgASGBQzQUI3MUVGQTVDNTJEQ0M0OTUwOQA=',
        replyTo: OUR_LAST,
        media: {
          id: '1003383421387256',
          mimeType: 'image/jpeg',
          sha256: 'HgQ6Jgd7MPIDZRaNnEA9wfCrfs4bx0PPZUFC9NHzdBM=',
          caption: 'This one, in blue? (the one on the left)',
        },
      }),
    ],
    [],
  ],
  [
    'revoke.json',
    [
      message({
        id: 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQVJFVk9LRUVWRU5UMDAwMDAxAA==',
        kind: 'revoke',
        content: '[deleted a message]',
        timestamp: 1739321100,
        originalId: 'wamid.HBgLMTQxMjU1NTA4MjkVAgASGBQzQUI3MUVGQTVDNTJEQ0M0OTUwOQA=',
      }),
    ],
    [],
  ],
  [
    'group-text.json',
    [
      message({
        id: 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQUdST1VQVEVYVDAwMDAwMDAxAA==',
        kind: 'text',
        content: 'What does everyone think about this?',
        timestamp: 1744344496,
        sender: { name: 'Tiago Mingo' },
        // an answer goes to the group, not to the sender alone
        groupId: GROUP,
        chat: GROUP,
      }),
    ],
    [],
  ],
  [
    'username-user-parent-user-id.json',
    [
      message({
        id: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=',
        kind: 'text',
        content: 'Does it come in another color?',
        timestamp: 1749416383,
        sender: { phone: '', userId: 'US.13491208655302741918', parentUserId: 'US.ENT.11815799212886844830', username: '@realsheenanelson' },
        chat: 'US.13491208655302741918',
      }),
    ],
    [],
  ],
  [
    'status-delivered-username.json',
    [
      status({
        id: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=',
        status: 'delivered',
        timestamp: 1750030073,
        pricingCategory: 'marketing',
        to: user({ name: 'Pablo M.', phone: '16505551234', userId: 'US.13491208655302741918', parentUserId: 'US.ENT.11815799212886844830', username: '@pablomorales' }),
      }),
    ],
    [],
  ],
  [
    'status-group-sent.json',
    [
      status({
        id: 'wamid.HBgLMTY1MDU1NTEyMzQVAgARGBJHUk9VUFNFTlQwMDAwMDAxAA==',
        status: 'sent',
        timestamp: 1744344600,
        recipient: GROUP,
        to: user({ address: GROUP }),
        groupId: GROUP,
      }),
    ],
    [],
  ],
  [
    'smb-message-echo.json',
    [
      {
        type: 'echo',
        echo: {
          content: "Here's the info you requested! https://www.meta.com/quest/quest-3/",
          to: user({ phone: '16505551234' }),
          id: 'wamid.HBgLMTY0NjcwNDM1OTUVAgARGBIyNDlBOEI5QUQ4NDc0N0FCNjMA',
          kind: 'text',
          timestamp: 1739321024,
          media: undefined,
          location: undefined,
          originalId: undefined,
          business,
        },
      },
    ],
    [],
  ],
  [
    'user-preferences-resume.json',
    [
      {
        type: 'preference',
        preference: { user: user({ phone: '16505551234' }), category: 'marketing_messages', value: 'resume', detail: 'User requested to resume marketing messages', timestamp: 1731705721, business },
      },
    ],
    [],
  ],
  [
    'user-preferences-stop-username.json',
    [
      {
        type: 'preference',
        preference: {
          user: user({ name: 'Sheena Nelson', userId: 'US.13491208655302741918', parentUserId: 'US.ENT.11815799212886844830', username: '@realsheenanelson' }),
          category: 'marketing_messages',
          value: 'stop',
          detail: 'User requested to stop marketing messages',
          timestamp: 1731705800,
          business,
        },
      },
    ],
    [],
  ],
  [
    'value-errors.json',
    [],
    [
      {
        level: 'error',
        text:
          'entry[0].changes[0]: webhook errors: 131000 Something went wrong: ' +
          'Message failed to send because of an unknown error. Please try again later.',
      },
    ],
  ],
];

describe('parseWebhook: one fixture per message kind and status', () => {
  it.each(CASES)('%s', (name, events, notes) => {
    const parsed = parseWebhook(fixture(name));
    expect(parsed.events).toEqual(events);
    expect(parsed.notes).toEqual(notes);
  });

  it('every fixture file is covered by a test', () => {
    const tested = new Set([...CASES.map(([name]) => name), 'batch-two-entries-mixed.json', 'duplicate-events.json']);
    const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.json'));
    expect(files.filter((f) => !tested.has(f))).toEqual([]);
  });

  it('every message kind is covered by a fixture', () => {
    const kinds = new Set(
      CASES.flatMap(([, events]) => events.flatMap((e) => (e.type === 'message' ? [e.message.kind] : []))),
    );
    expect([...kinds].sort()).toEqual(
      [
        'audio', 'button', 'contacts', 'document', 'edit', 'flow-reply', 'identity-change', 'image', 'interactive', 'location', 'number-change', 'order',
        'reaction', 'revoke', 'sticker', 'text', 'unsupported', 'user-id-change', 'video', 'welcome',
      ],
    );
  });
});

describe('parseWebhook: batches and order', () => {
  it('2 entries × 2 changes × 2 messages, each change followed by its status, in payload order', () => {
    const parsed = parseWebhook(fixture('batch-two-entries-mixed.json'));
    expect(parsed.notes).toEqual([]);
    expect(parsed.events.map(eventKey)).toEqual([
      'wamid.BATCH.e0.c0.m0',
      'wamid.BATCH.e0.c0.m1',
      'wamid.BATCH.OUT.e0.c0:sent',
      'wamid.BATCH.e0.c1.m0',
      'wamid.BATCH.e0.c1.m1',
      'wamid.BATCH.OUT.e0.c1:delivered',
      'wamid.BATCH.e1.c0.m0',
      'wamid.BATCH.e1.c0.m1',
      'wamid.BATCH.OUT.e1.c0:read',
      'wamid.BATCH.e1.c1.m0',
      'wamid.BATCH.e1.c1.m1',
      'wamid.BATCH.OUT.e1.c1:delivered',
    ]);
    const messages = parsed.events.flatMap((e) => (e.type === 'message' ? [e.message] : []));
    expect(messages.map((m) => m.content)).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((n) => `batch message ${n}`));
    expect(messages.map((m) => `${m.sender.name}/${m.sender.phone}`)).toEqual([
      'Sheena Nelson/16505551234',
      'Ann Lee/447700900001',
      'Sheena Nelson/16505551234',
      'Ann Lee/447700900001',
      'Ann Lee/447700900001',
      'Sheena Nelson/16505551234',
      'Ann Lee/447700900001',
      'Sheena Nelson/16505551234',
    ]);
    // the second entry is for our second number
    expect(messages.map((m) => m.business.phoneNumberId)).toEqual([
      ...Array<string>(4).fill('106540352242922'),
      ...Array<string>(4).fill('106540352242923'),
    ]);
    expect(messages[7]).toEqual({
      content: 'batch message 8',
      sender: { name: 'Sheena Nelson', phone: '16505551234', address: '16505551234' },
      id: 'wamid.BATCH.e1.c1.m1',
      kind: 'text',
      timestamp: 1749419008,
      forwarded: false,
      business: { phoneNumberId: '106540352242923', displayPhoneNumber: '15550783882' },
      chat: '16505551234',
      contacts: [],
    });
  });

  it('the same event twice in one payload is dispatched once, first wins, with a note', () => {
    const parsed = parseWebhook(fixture('duplicate-events.json'));
    expect(parsed.events.map(eventKey)).toEqual([
      'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQURVUExJQ0FURTAwMDAwMDAxAA==',
      `${SENT_ID}:delivered`,
      `${SENT_ID}:read`,
    ]);
    const first = parsed.events[0];
    expect(first?.type === 'message' && first.message.content).toBe('first copy');
    expect(parsed.notes).toEqual([
      {
        level: 'info',
        text:
          'entry[1].changes[0].messages[0]: duplicate of an earlier event in this payload ' +
          '(wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQURVUExJQ0FURTAwMDAwMDAxAA==); dispatched once',
      },
      {
        level: 'info',
        text: `entry[1].changes[0].statuses[0]: duplicate of an earlier event in this payload (${SENT_ID}:delivered); dispatched once`,
      },
    ]);
  });
});

describe('parseWebhook: never throws, notes what it skips', () => {
  it.each([
    [null, 'payload is not a JSON object (null); nothing dispatched'],
    [undefined, 'payload is not a JSON object (undefined); nothing dispatched'],
    ['{"entry":[]}', 'payload is not a JSON object (string); nothing dispatched'],
    [42, 'payload is not a JSON object (number); nothing dispatched'],
    [[], 'payload is not a JSON object (array); nothing dispatched'],
    [{}, 'payload has no entry[] array; nothing dispatched'],
    [{ object: 'whatsapp_business_account', entry: {} }, 'payload has no entry[] array; nothing dispatched'],
  ])('%j', (input, text) => {
    expect(parseWebhook(input)).toEqual({ events: [], notes: [{ level: 'error', text }] });
  });

  it('a payload for another product is not ours', () => {
    expect(parseWebhook({ object: 'page', entry: [] })).toEqual({
      events: [],
      notes: [{ level: 'warn', text: 'payload object is "page", not "whatsapp_business_account"; nothing dispatched' }],
    });
  });

  it('malformed entries and changes are skipped with where they are', () => {
    const parsed = parseWebhook({
      object: 'whatsapp_business_account',
      entry: [
        null,
        { id: '1' },
        {
          id: '2',
          changes: [
            'x',
            { field: 'messages' },
            { field: 'account_update', value: { event: 'VERIFIED_ACCOUNT' } },
            { field: 'messages', value: { messaging_product: 'whatsapp', messages: [{ from: '1', id: 'wamid.OK', timestamp: '5', type: 'text', text: { body: 'still here' } }] } },
          ],
        },
      ],
    });
    expect(parsed.events).toEqual([
      // a field other than messages, echoes and preferences is forwarded as it came
      { type: 'event', event: { field: 'account_update', value: '{"event":"VERIFIED_ACCOUNT"}', entryId: '2', time: undefined } },
      message({
        id: 'wamid.OK',
        kind: 'text',
        content: 'still here',
        timestamp: 5,
        sender: { name: '', phone: '1' },
        business: { phoneNumberId: '', displayPhoneNumber: '' },
      }),
    ]);
    expect(parsed.notes).toEqual([
      { level: 'warn', text: 'entry[0]: not an object; skipped' },
      { level: 'warn', text: 'entry[1]: has no changes[] array; skipped' },
      { level: 'warn', text: 'entry[2].changes[0]: not an object; skipped' },
      { level: 'warn', text: 'entry[2].changes[1]: field "messages" has no value object; skipped' },
      { level: 'warn', text: 'entry[2].changes[3]: value has no metadata: business phone number unknown' },
    ]);
  });

  it('a message without an id is skipped, the next one still goes', () => {
    const parsed = parseWebhook(
      payload({
        metadata: meta,
        messages: [
          { from: '16505551234', timestamp: '1', type: 'text', text: { body: 'no id' } },
          { from: '16505551234', id: '', timestamp: '1', type: 'text', text: { body: 'empty id' } },
          7,
          { from: '16505551234', id: 'wamid.B', timestamp: '2', type: 'text', text: { body: 'ok' } },
        ],
        statuses: [{ status: 'read', timestamp: '3' }, { id: 'wamid.S', status: 'deleted', timestamp: '3' }, { id: 'wamid.T', status: 'read', timestamp: 'soon' }],
      }),
    );
    expect(parsed.events.map(eventKey)).toEqual(['wamid.B', 'wamid.T:read']);
    expect(parsed.notes.every((note) => note.level === 'warn')).toBe(true);
    expect(parsed.notes.map((note) => note.text)).toEqual([
      'entry[0].changes[0].messages[0]: has no message id (type "text"); skipped',
      'entry[0].changes[0].messages[1]: has no message id (type "text"); skipped',
      'entry[0].changes[0].messages[2]: not an object; skipped',
      'entry[0].changes[0].statuses[0]: has no message id (status "read"); skipped',
      'entry[0].changes[0].statuses[1] (wamid.S): unknown status "deleted"; skipped',
      'entry[0].changes[0].statuses[2] (wamid.T): timestamp "soon" is not unix seconds; using 0',
    ]);
  });

  it('survives hostile shapes anywhere', () => {
    const hostile = [
      payload(null),
      payload({ metadata: 'x', contacts: 'x', messages: 'x', statuses: 'x', errors: 'x' }),
      payload({ metadata: meta, contacts: [null, 1, { profile: null }], messages: [{ id: 'wamid.H', type: 'image', image: null, context: 'x', timestamp: -1 }] }),
      payload({ metadata: meta, messages: [{ id: 'wamid.L', type: 'location', location: { latitude: 'north', longitude: 1 } }] }),
      payload({ metadata: meta, messages: [{ id: 'wamid.C', type: 'contacts', contacts: [null, { phones: 'x' }, { name: 'x' }] }] }),
      payload({ metadata: meta, messages: [{ id: 'wamid.I', type: 'interactive', interactive: { type: 'button_reply' } }] }),
      payload({ metadata: meta, messages: [{ id: 'wamid.E', type: 'text', errors: [null, 'x', { code: 'abc' }] }] }),
      payload({ metadata: meta, statuses: [{ id: 'wamid.S', status: 'failed', errors: [null], conversation: 'x', pricing: 5 }] }),
    ];
    for (const input of hostile) expect(() => parseWebhook(input)).not.toThrow();
    const image = parseWebhook(hostile[2]);
    expect(image.events).toEqual([
      message({ id: 'wamid.H', kind: 'image', content: '[image]', timestamp: 0, sender: { name: '', phone: '' } }),
    ]);
    expect(image.notes.map((n) => n.text)).toEqual([
      'entry[0].changes[0].messages[0] (wamid.H): timestamp -1 is not unix seconds; using 0',
      'entry[0].changes[0].messages[0] (wamid.H): image message has no media id; delivered without media',
    ]);
    expect(parseWebhook(hostile[3]).events).toEqual([
      message({ id: 'wamid.L', kind: 'location', content: '[location]', timestamp: 0, sender: { name: '', phone: '' } }),
    ]);
    // cards that are not objects, or hold the wrong shapes, are empty cards: each is still "[contact]"
    const emptyCard = {
      name: { formattedName: '', firstName: undefined, lastName: undefined, middleName: undefined, prefix: undefined, suffix: undefined },
      phones: [],
      emails: [],
      addresses: [],
      org: undefined,
      urls: [],
      birthday: undefined,
    };
    expect(parseWebhook(hostile[4]).events).toEqual([
      message({ id: 'wamid.C', kind: 'contacts', content: '[contact]\n[contact]\n[contact]', timestamp: 0, sender: { name: '', phone: '' }, contacts: [emptyCard, emptyCard, emptyCard] }),
    ]);
    expect(parseWebhook(hostile[5]).events).toEqual([
      message({ id: 'wamid.I', kind: 'interactive', content: '', timestamp: 0, sender: { name: '', phone: '' } }),
    ]);
    expect(parseWebhook(hostile[6]).events).toEqual([
      message({ id: 'wamid.E', kind: 'unsupported', content: '[unsupported message: text]', timestamp: 0, sender: { name: '', phone: '' } }),
    ]);
    const failed = parseWebhook(hostile[7]).events[0];
    expect(failed).toEqual(status({ id: 'wamid.S', status: 'failed', timestamp: 0, recipient: '', errors: [{ code: 0, title: '', message: '', details: undefined }] }));
  });
});
