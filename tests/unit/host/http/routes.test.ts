import { describe, expect, it } from 'vitest';
import { routeRequest } from '../../../../src/host/http/routes.ts';

const environment = { namespace: 'acme', name: 'support' };

describe('routeRequest', () => {
  it.each([
    ['/acme/support/asterai/whatsapp/webhook', 'asterai:whatsapp', '/webhook'],
    ['/acme/support/asterai/whatsapp/webhook?hub.mode=subscribe&x=1', 'asterai:whatsapp', '/webhook?hub.mode=subscribe&x=1'],
    ['/acme/support/asterai/whatsapp', 'asterai:whatsapp', '/'],
    ['/acme/support/asterai/whatsapp/', 'asterai:whatsapp', '/'],
    ['/acme/support/asterai/whatsapp?x=1', 'asterai:whatsapp', '/?x=1'],
    ['/acme/support/test/handler-a/a/b/', 'test:handler-a', '/a/b/'],
  ])('%s goes to %s as %s', (path, component, stripped) => {
    expect(routeRequest(path, environment)).toEqual({ component, pathWithQuery: stripped });
  });

  it.each([
    ['/', 'the root'],
    ['/acme/support', 'the environment only'],
    ['/acme/support/asterai', 'a namespace without a component name'],
    ['/acme/other/asterai/whatsapp/webhook', 'another environment'],
    ['/other/support/asterai/whatsapp/webhook', 'another environment namespace'],
    ['acme/support/asterai/whatsapp', 'a path without a leading slash'],
  ])('has no route for %s (%s)', (path) => {
    expect(routeRequest(path, environment)).toBeUndefined();
  });
});
