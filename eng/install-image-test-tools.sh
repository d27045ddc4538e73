#!/usr/bin/env bash
# Installs what the image end-to-end test (tests/HevLayer.Generators.Tests/EndToEndImageTests.cs) needs, from
# Debian's packages, when it is missing: docker-registry (the CNCF distribution registry), umoci and skopeo.
# Needs root (or sudo) for apt-get; fails loudly when it cannot install.
set -euo pipefail

missing=()
for tool in docker-registry umoci skopeo; do
  command -v "$tool" > /dev/null || missing+=("$tool")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

sudo=()
if [ "$(id -u)" != 0 ]; then
  command -v sudo > /dev/null || { echo "install-image-test-tools: ${missing[*]} missing, and neither root nor sudo to install them" >&2; exit 1; }
  sudo=(sudo)
fi
echo "install-image-test-tools: installing ${missing[*]} with apt-get"
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null
for tool in "${missing[@]}"; do
  command -v "$tool" > /dev/null || { echo "install-image-test-tools: $tool is still missing after apt-get install" >&2; exit 1; }
done
