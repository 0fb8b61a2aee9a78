#!/usr/bin/env bash
# Packs bench/gpu into a folder that runs on a GPU host without this checkout's node_modules:
# one esbuild bundle plus the few files it reads at run time (Dawn's dawn.node for linux-x64,
# the wasm backend's .wasm files). The host needs Node ≥ 20 and the NVIDIA driver with Vulkan.
#
#   bash bench/gpu/pack.sh OUTDIR          # then on the host:
#   cd OUTDIR && BENCH_GPU_NODE_CMD="node bench-gpu.cjs" bash bench/gpu/device-check.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
out="${1:?usage: bench/gpu/pack.sh OUTDIR}"
mkdir -p "$out/node_modules/webgpu/dist/linux-x64" "$out/node_modules/@tensorflow/tfjs-backend-wasm/dist"
npx esbuild bench/gpu/index.ts --bundle --platform=node --format=cjs --external:webgpu \
  --alias:sharp=./bench/gpu/sharp-unused.cjs --outfile="$out/bench-gpu.cjs" --log-level=error
cp node_modules/webgpu/package.json node_modules/webgpu/index.js "$out/node_modules/webgpu/"
cp node_modules/webgpu/dist/linux-x64/dawn.node "$out/node_modules/webgpu/dist/linux-x64/"
wasm="node_modules/@tensorflow/tfjs-backend-wasm"
cp "$wasm/package.json" "$out/$wasm/"
cp "$wasm"/dist/*.wasm "$out/$wasm/dist/"
# require.resolve() only needs the package's main file to exist; the bundle holds its code.
: > "$out/$wasm/$(node -p "require('./$wasm/package.json').main")"
# The checks around the benchmark, run from the pack (its "repo root" is the pack itself).
mkdir -p "$out/bench/gpu" && cp bench/gpu/device-check.sh "$out/bench/gpu/"
du -sh "$out"
