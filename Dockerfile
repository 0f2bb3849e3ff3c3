# syntax=docker/dockerfile:1
# BizOSaaS hub and worker image. The hub runs TypeScript through tsx's loader (no server build
# step); the web console is built into the image (the hub cannot write it at run time as `node`).
#   hub:    docker run -p 8001:8001 -e DATABASE_URL=... bizosaas
#   worker: docker run -e DATABASE_URL=... bizosaas node --import tsx apps/server/src/cli/main.ts worker
# Without DATABASE_URL the hub starts its embedded PostgreSQL in DATA_DIR (fine for a demo, not for
# scale-out: every container would get its own database).

ARG NODE_IMAGE=node:20-bookworm-slim

# 1. Only the package manifests, at their paths, so `npm ci` is cached until one of them changes.
FROM ${NODE_IMAGE} AS manifests
WORKDIR /src
COPY . .
RUN mkdir -p /out \
 && cp package.json package-lock.json /out/ \
 && for f in apps/*/package.json packages/*/package.json; do \
      if [ -f "$f" ]; then cp --parents "$f" /out/; fi; \
    done

# 2. Production dependencies (tsx is one of them: it runs the TypeScript sources).
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY --from=manifests /out/ ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev --no-audit --no-fund

# 3. Runtime: dependencies + sources, non-root.
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8001 \
    DATA_DIR=/app/data
WORKDIR /app
COPY --from=deps /app ./
COPY . .
# The console (Vite is a production dependency: the hub can rebuild it when its sources change).
# data/media exists in the image so a named volume mounted there starts owned by node.
RUN npm run build && mkdir -p /app/data/media && chown -R node:node /app/data
USER node
EXPOSE 8001
# The slim image has no curl: ask /health with node's fetch. Worker containers have no HTTP port;
# turn this off for them (docker-compose.yml and the Kubernetes manifests do).
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8001)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Exec form: node receives SIGTERM itself and drains requests and jobs before it exits.
CMD ["node", "--import", "tsx", "apps/server/src/main.ts"]
