// Interactive Flow messages (Meta: WhatsApp Flows, "Sending a Flow"; the
// interactive object's `flow` type): { action: { name: "flow", parameters: {
// flow_message_version: "3", flow_token?, flow_id | flow_name, flow_cta,
// flow_action: "navigate" | "data_exchange", flow_action_payload?: { screen,
// data? }, mode? } } }. flow_cta is the button's text, "Character limit - 20
// characters (no emoji)"; a navigate Flow opens at `screen`, whose input `data`
// "must be a non-empty object"; `mode` "draft" sends the draft, and left out the
// Flow is the published one. The header is text only (interactive.ts).
import type { Flow, InteractiveText, SendOptions } from 'asterai:whatsapp/whatsapp@0.3.0';
import { refuse } from '../failure.ts';
import { nonBlank } from '../json.ts';
import type { OutgoingMessage } from './envelope.ts';
import { buildInteractive, TEXT_HEADER, type InteractiveObject } from './interactive.ts';
import { hasEmoji, quoted, requiredText, requireJsonObject, requireText } from './rules.ts';

export const FLOW_CTA_LIMIT = 20;

export interface FlowParameters {
  flow_message_version: '3';
  flow_token?: string;
  flow_id?: string;
  flow_name?: string;
  flow_cta: string;
  flow_action: 'navigate' | 'data_exchange';
  flow_action_payload?: { screen: string; data?: Record<string, unknown> };
  mode?: 'draft';
}

export type FlowObject = InteractiveObject<'flow', { name: 'flow'; parameters: FlowParameters }>;

/** A Flow's id is digits; anything else names it (flow_name). */
function flowReference(id: string): Pick<FlowParameters, 'flow_id' | 'flow_name'> {
  const value = requireText('flow id or name', id).trim();
  return /^\d+$/.test(value) ? { flow_id: value } : { flow_name: value };
}

export function flowParameters(flow: Flow): FlowParameters {
  const cta = requiredText('flow button', flow.button, FLOW_CTA_LIMIT);
  if (hasEmoji(cta)) refuse(`flow button ${quoted(cta)} has an emoji: Meta allows none in a Flow's button`);
  const parameters: FlowParameters = { flow_message_version: '3', ...flowReference(flow.id), flow_cta: cta, flow_action: 'navigate' };
  const token = nonBlank(flow.token);
  if (token !== undefined) parameters.flow_token = token;
  if (flow.action.tag === 'data-exchange') {
    parameters.flow_action = 'data_exchange';
  } else {
    const screen = requireText('flow screen', flow.action.val.screen).trim();
    const data = nonBlank(flow.action.val.data);
    parameters.flow_action_payload = data === undefined ? { screen } : { screen, data: requireJsonObject('flow screen data', data) };
  }
  if (flow.draft) parameters.mode = 'draft';
  return parameters;
}

export function buildFlowMessage(to: string, content: InteractiveText, flow: Flow, options?: SendOptions): OutgoingMessage<'interactive', FlowObject> {
  return buildInteractive(to, 'flow', 'Flow', content, TEXT_HEADER, { name: 'flow' as const, parameters: flowParameters(flow) }, options);
}
