// Graph takes the token as `Authorization: Bearer <token>` or as `?access_token=`.
import type { EmulatorRequest, Reply } from '../exchange.ts';
import { graphErrorReply } from './errors.ts';

/** The 401 to answer with, or undefined when the request carries the expected token. */
export function checkAccessToken(request: EmulatorRequest, expected: string): Reply | undefined {
  const header = request.headers['authorization'];
  const bearer = header?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
  const token = bearer ?? request.query.get('access_token') ?? undefined;
  if (token === undefined || token === '') {
    return graphErrorReply({ code: 190, message: 'An active access token must be used to query information about the current user.' });
  }
  if (token !== expected) {
    return graphErrorReply({ code: 190, message: 'Invalid OAuth access token - Cannot parse access token' });
  }
  return undefined;
}
