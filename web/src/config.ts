/** The runtime configuration served beside the console (/config.json), as the sign-in contract describes. */
export interface ConsoleConfig {
  readonly apiBaseUrl: string;
  readonly oidc: { readonly authority: string; readonly clientId: string; readonly scope: string };
}

export async function loadConfig(): Promise<ConsoleConfig> {
  const response = await fetch('/config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`/config.json answered ${response.status}`);
  return (await response.json()) as ConsoleConfig;
}
