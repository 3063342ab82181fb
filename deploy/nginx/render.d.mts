// Types of render.mjs (plain JavaScript: operators run it with node alone).
export interface NginxSettings {
  apiPorts: number[]
  portalPorts: number[]
  serverName: string
  httpsPort: number
  httpPort: number
  certificate: string
  certificateKey: string
  cacheDir: string
}
/** Reads and checks the settings from an environment (process.env by default). */
export declare function nginxSettings(env?: Record<string, string | undefined>): NginxSettings
/** The http-level configuration: upstreams, the badge cache, the servers. */
export declare function renderHttpConfig(settings: NginxSettings): string
/** A whole nginx.conf with every path under `prefix`. */
export declare function renderStandaloneConfig(settings: NginxSettings, prefix: string): string
