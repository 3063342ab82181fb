// The nginx configuration for the production shape (README, "Production mode (生产部署)"): TLS in front of the portal
// processes and the API's integrator endpoint (/api/), with the ports deploy/start-production.mjs gives them.
//
//   node deploy/nginx/render.mjs > /etc/nginx/conf.d/conac.conf          (an http-level include, Debian's layout)
//   node deploy/nginx/render.mjs --standalone --prefix /tmp/x > nginx.conf (a whole nginx.conf: the tests)
//
// Settings (environment), as for start-production.mjs: API_PROCESSES, API_PORT, PORTAL_PROCESSES, WEB_PORT; and
// NGINX_SERVER_NAME (_), NGINX_HTTPS_PORT (443), NGINX_HTTP_PORT (80: redirects to https; 0 for none),
// NGINX_TLS_CERTIFICATE and NGINX_TLS_CERTIFICATE_KEY (paths, required), NGINX_CACHE_DIR (/var/cache/nginx/conac).
import path from 'node:path'
import { fileURLToPath } from 'node:url'

function whole(env, name, fallback) {
  const raw = env[name]?.trim()
  if (!raw) return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < 0 || value > 65_535)
    throw new Error(`${name} must be a port number (0-65535), got "${raw}"`)
  return value
}

/** A value written into the configuration: no quotes, semicolons, braces or whitespace that could end a directive. */
function safe(name, value) {
  if (!/^[A-Za-z0-9._\-/:*]+$/.test(value)) throw new Error(`${name} has characters nginx would misread: "${value}"`)
  return value
}

export function nginxSettings(env = process.env) {
  const certificate = env.NGINX_TLS_CERTIFICATE?.trim()
  const certificateKey = env.NGINX_TLS_CERTIFICATE_KEY?.trim()
  if (!certificate || !certificateKey)
    throw new Error('NGINX_TLS_CERTIFICATE and NGINX_TLS_CERTIFICATE_KEY must name the TLS certificate and its key')
  return {
    apiPorts: Array.from({ length: whole(env, 'API_PROCESSES', 2) }, (_, i) => whole(env, 'API_PORT', 4000) + i),
    portalPorts: Array.from({ length: whole(env, 'PORTAL_PROCESSES', 2) }, (_, i) => whole(env, 'WEB_PORT', 3000) + i),
    serverName: safe('NGINX_SERVER_NAME', env.NGINX_SERVER_NAME?.trim() || '_'),
    httpsPort: whole(env, 'NGINX_HTTPS_PORT', 443),
    httpPort: whole(env, 'NGINX_HTTP_PORT', 80),
    certificate: safe('NGINX_TLS_CERTIFICATE', certificate),
    certificateKey: safe('NGINX_TLS_CERTIFICATE_KEY', certificateKey),
    cacheDir: safe('NGINX_CACHE_DIR', env.NGINX_CACHE_DIR?.trim() || '/var/cache/nginx/conac'),
  }
}

/** The http-level configuration: upstreams, the badge cache, the servers. */
export function renderHttpConfig(settings) {
  const servers = (ports) => ports.map((port) => `    server 127.0.0.1:${port} max_fails=1 fail_timeout=5s;`).join('\n')
  // What every proxied request carries. X-Forwarded-For is replaced, not appended to: nginx is the edge, so the
  // address it saw is the client's, and anything the client wrote in the header is dropped here (the portal and
  // the API believe this header from 127.0.0.1 only: PORTAL_TRUSTED_PROXIES, TRUSTED_PROXIES).
  const proxyHeaders = `
        proxy_http_version 1.1;
        proxy_set_header Connection "";
        proxy_set_header Host $http_host;
        proxy_set_header X-Forwarded-For $remote_addr;
        proxy_set_header X-Forwarded-Proto $scheme;
        proxy_set_header X-Real-IP "";
        proxy_set_header Forwarded "";
        proxy_set_header X-Request-Id $request_id;`
  return `# The .政务/.公益 registry behind nginx: rendered by deploy/nginx/render.mjs (edit the settings, not this file).

upstream conac_portal {
    least_conn;
${servers(settings.portalPorts)}
    keepalive 32;
}

upstream conac_api {
    least_conn;
${servers(settings.apiPorts)}
    keepalive 32;
}

# The badge script and image (/badge/<number>.js|svg) are public and the same for everybody: kept here for the
# five minutes the portal allows (its Cache-Control), so embedding sites do not reach the portal on every view.
proxy_cache_path ${settings.cacheDir} levels=1:2 keys_zone=conac_badges:10m max_size=256m inactive=1h use_temp_path=off;

${
  settings.httpPort
    ? `server {
    listen ${settings.httpPort};
    server_name ${settings.serverName};
    server_tokens off;
    return 301 https://$host${settings.httpsPort === 443 ? '' : `:${settings.httpsPort}`}$request_uri;
}
`
    : ''
}
server {
    # Debian 12's nginx 1.22 takes http2 on the listen line (1.25 moved it to "http2 on", and still accepts this).
    listen ${settings.httpsPort} ssl http2;
    server_name ${settings.serverName};
    server_tokens off;

    ssl_certificate ${settings.certificate};
    ssl_certificate_key ${settings.certificateKey};
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_session_cache shared:conac_tls:10m;

    # Requests: the portal's forms and GraphQL are small (the API refuses bodies over MAX_BODY_BYTES, 100 KB);
    # 数据迁移 uploads (below) are the exception.
    client_max_body_size 1m;
    client_body_timeout 30s;
    large_client_header_buffers 4 16k;

    gzip on;
    gzip_proxied any;
    gzip_min_length 1024;
    gzip_types application/json application/graphql-response+json application/javascript text/css
               text/plain image/svg+xml application/rdap+json text/csv;

    # A dead or restarting process: nginx tries the next one when the connection failed (nothing was sent).
    proxy_next_upstream error timeout;
    proxy_connect_timeout 5s;
    proxy_read_timeout 300s;

    # Health and metrics are for the supervisor and the monitoring system on the internal network (each process's
    # own port), never through here.
    location ~ ^/(api/)?(healthz|readyz|metrics)$ { return 404; }

    # The API's integrator endpoint (API tokens): https://<host>/api/graphql, /api/rdap/...
    location /api/ {
${proxyHeaders}
        proxy_pass http://conac_api/;
    }

    location /badge/ {
${proxyHeaders}
        proxy_pass http://conac_portal;
        proxy_cache conac_badges;
        proxy_cache_key $scheme$host$request_uri;
        proxy_cache_valid 200 5m;
        proxy_cache_valid 404 1m;
        proxy_cache_lock on;
        proxy_cache_use_stale error timeout updating;
        add_header X-Cache-Status $upstream_cache_status always;
    }

    # 数据迁移: files up to the API's 50 MB, streamed to the portal as they arrive.
    location /migration/runs/ {
${proxyHeaders}
        client_max_body_size 52m;
        proxy_request_buffering off;
        proxy_pass http://conac_portal;
    }

    location / {
${proxyHeaders}
        proxy_pass http://conac_portal;
    }
}
`
}

/** A whole nginx.conf around the http configuration, with every path under `prefix` (tests, trials). */
export function renderStandaloneConfig(settings, prefix) {
  const http = renderHttpConfig(settings)
    .split('\n')
    .map((line) => (line ? `    ${line}` : line))
    .join('\n')
  return `# A whole nginx.conf for the registry (deploy/nginx/render.mjs --standalone).
worker_processes 2;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
${process.getuid?.() === 0 ? 'user www-data;\n' : ''}
events {
    worker_connections 1024;
}

http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log ${prefix}/access.log;
    client_body_temp_path ${prefix}/client_body;
    proxy_temp_path ${prefix}/proxy;
    fastcgi_temp_path ${prefix}/fastcgi;
    uwsgi_temp_path ${prefix}/uwsgi;
    scgi_temp_path ${prefix}/scgi;

${http}
}
`
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2)
  const settings = nginxSettings()
  if (args.includes('--standalone')) {
    const prefix = args[args.indexOf('--prefix') + 1]
    if (!args.includes('--prefix') || !prefix) throw new Error('--standalone needs --prefix <folder>')
    process.stdout.write(renderStandaloneConfig(settings, safe('--prefix', path.resolve(prefix))))
  } else process.stdout.write(renderHttpConfig(settings))
}
