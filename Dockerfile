# Beirat service image: one image for the API, the queue worker, the migrations and the demo data
# (scripts/docker-entry.sh: `api` by default, or `worker`, `migrate`, `demo`). Built with the dev
# dependencies, run with the production ones only. Node 24 LTS, pinned to an exact release.
FROM node:24.21.0-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY src ./src
COPY migrations ./migrations
COPY scripts ./scripts
# src/, migrations/ and the demo and migrate scripts into dist/ (no ts-node, no Nest CLI at run time).
RUN npm run build

FROM node:24.21.0-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY scripts/docker-entry.sh ./scripts/docker-entry.sh
RUN mkdir -p /app/var && chown -R node:node /app/var
USER node
EXPOSE 3000
ENTRYPOINT ["/app/scripts/docker-entry.sh"]
CMD ["api"]
