// The settings a deployment takes from its Meta app, and the environment variables the component
// reads them from (README.md, "Configuration"): what the sandbox, the tests and the benchmarks
// give the component.

export interface MetaCredentials {
  /** A system user's access token (WHATSAPP_ACCESS_TOKEN). */
  accessToken: string;
  /** The app secret Meta signs webhooks with (WHATSAPP_APP_SECRET). */
  appSecret: string;
  /** The token Meta's verification handshake must present (WHATSAPP_WEBHOOK_VERIFY_TOKEN). */
  verifyToken: string;
  /** The business phone number's id (WHATSAPP_PHONE_NUMBER_ID). */
  phoneNumberId: string;
}

export function credentialsEnv(credentials: MetaCredentials): Record<string, string> {
  return {
    WHATSAPP_ACCESS_TOKEN: credentials.accessToken,
    WHATSAPP_PHONE_NUMBER_ID: credentials.phoneNumberId,
    WHATSAPP_APP_SECRET: credentials.appSecret,
    WHATSAPP_WEBHOOK_VERIFY_TOKEN: credentials.verifyToken,
  };
}
