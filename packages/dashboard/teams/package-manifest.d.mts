export function teamsPackageManifest(
  template: Record<string, unknown>,
  options: { hubDomain: string | undefined; clientId: string | undefined },
): { ok: true; manifest: Record<string, unknown> } | { ok: false; error: string };
