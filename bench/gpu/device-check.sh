#!/usr/bin/env bash
# GPU benchmark check: synthesis (img/s) and training (s/kimg) on wasm and webgpu in one run,
# one table at the end. Installs nothing: needs the repo's node_modules (or a bundle, below)
# and an NVIDIA driver with its Vulkan ICD. See bench/gpu/README.md.
#
#   bash bench/gpu/device-check.sh [--backends=wasm,webgpu] [--budget-s=420] [--quick] …
#
# BENCH_GPU_NODE_CMD   the command that runs the benchmark (default: node --import tsx bench/gpu/index.ts),
#                      e.g. BENCH_GPU_NODE_CMD="node .device/bench-gpu.cjs" for a pre-built bundle
# BENCH_GPU_TIMEOUT_S  wall-clock guard for it (default 470; SIGKILL 10 s later, so ≤ 8 min in all)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."

read -r -a node_cmd <<<"${BENCH_GPU_NODE_CMD:-node --import tsx bench/gpu/index.ts}"
limit_s="${BENCH_GPU_TIMEOUT_S:-470}"

echo "== GPU"
if command -v nvidia-smi >/dev/null 2>&1; then
  nvidia-smi -L || echo "nvidia-smi -L failed (exit $?)"
else
  echo "nvidia-smi: not found"
fi
if command -v ldconfig >/dev/null 2>&1; then
  echo "libvulkan entries in the linker cache: $(ldconfig -p 2>/dev/null | grep -c libvulkan || true)"
else
  echo "ldconfig: not found"
fi
echo "NVIDIA_DRIVER_CAPABILITIES=${NVIDIA_DRIVER_CAPABILITIES:-(unset)}"
for d in /usr/share/vulkan/icd.d /etc/vulkan/icd.d /usr/local/nvidia/share/vulkan/icd.d; do
  if [ -d "$d" ]; then echo "Vulkan ICDs in $d: $(ls "$d" | tr '\n' ' ')"; fi
done
echo "node $(node --version 2>/dev/null || echo 'not found')"
echo "== ${node_cmd[*]} $* (timeout ${limit_s} s)"

# Let the benchmark pick its backends itself (--backends), never a forced one.
unset TFJS_BACKEND

status=0
timeout --kill-after=10 "${limit_s}" "${node_cmd[@]}" "$@" || status=$?
if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
  echo "device-check: stopped by the ${limit_s} s guard (exit $status); the table above holds what was measured" >&2
fi
exit "$status"
