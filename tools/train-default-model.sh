#!/usr/bin/env bash
# Trains the bundled default model (issue 5) with the product's own training CLI on the
# procedural face dataset, resuming from the snapshot committed in models/default/run/.
# Long CPU work: run it in the background; it stops cleanly on Ctrl-C / SIGTERM with a
# final snapshot. `tools/train-default-model.sh save` copies the latest snapshot into the
# repository (replacing the previous one) so the next session can resume.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

DATA=.data/datasets/faces64
RUN=.data/train-default
COMMITTED=models/default/run
CBASE=1024
# VARIANT=cbase2048: the experiment of session 5 (issue 5, style mixing): the same data and
# settings with twice the channels at 32 and 64 px (64 and 32), ~1.8× the CPU per kimg.
# It resumes from models/experiments/cbase2048/run and never touches the bundled model.
case "${VARIANT:-}" in
  "") ;;
  cbase2048) RUN=.data/train-cbase2048; COMMITTED=models/experiments/cbase2048/run; CBASE=2048 ;;
  *) echo "unknown VARIANT '$VARIANT' (known: cbase2048)" >&2; exit 2 ;;
esac
COUNT=10000
SEED=2026

save() {
  [ -s "$RUN/latest.json" ] || { echo "no snapshot in $RUN" >&2; exit 1; }
  local state snap
  state="$(node -e "console.log(require('./$RUN/latest.json').state)")"
  snap="${state#state-}"; snap="${snap%.json}"
  rm -rf "$COMMITTED"; mkdir -p "$COMMITTED"
  cp "$RUN/latest.json" "$RUN/$state" "$RUN/network-snapshot-$snap.safetensors" "$RUN/optimizer-$snap.safetensors" "$RUN/log.jsonl" "$COMMITTED/"
  [ -f "$RUN/fakes-$snap.png" ] && cp "$RUN/fakes-$snap.png" "$COMMITTED/"
  echo "saved snapshot $snap to $COMMITTED ($(du -sh "$COMMITTED" | cut -f1))"
}

if [ "${1:-}" = save ]; then save; exit 0; fi

if [ ! -s "$DATA/attributes.jsonl" ] || [ "$(wc -l < "$DATA/attributes.jsonl")" -ne "$COUNT" ]; then
  echo "generating $COUNT procedural faces at 64 px (seed $SEED)"
  rm -rf "$DATA"
  node --import tsx lib/faces/cli.ts --out "$DATA" --count "$COUNT" --seed "$SEED" --size 64
fi

if [ ! -s "$RUN/latest.json" ] && [ -s "$COMMITTED/latest.json" ]; then
  echo "resuming from the committed snapshot in $COMMITTED"
  mkdir -p "$RUN"; cp "$COMMITTED"/* "$RUN/"
fi

if [ -s "$RUN/latest.json" ]; then
  # Continues the run exactly: weights, optimizer, kimg, augment p and RNG state.
  exec node --import tsx lib/stylegan/cli.ts train --data "$DATA" --outdir "$RUN" --resume "$RUN" \
    --kimg "${KIMG:-200}" --tick 1 --snap 1 --keep 1 --grid 8x8 "$@"
fi
# 64 px, channels sized for CPU training: 64 channels up to 16 px, 32 at 32 px, 16 at 64 px.
# History of the committed run (the settings live in each snapshot, so --resume keeps them):
#   0–59 kimg     batch 16, R1 γ 0.0512 (the 'auto' heuristic), ADA 500 kimg for p 0→1
#   59–74 kimg    γ 0.2, ADA 100 kimg (D led throughout: G loss ≈ 2.8, r_t ≈ 0.75)
#   74–83 kimg    batch 8: twice the optimiser steps for the same CPU time per kimg
#   83 kimg on    γ 0.8; samples went from furry head shapes to faces within ~15 kimg
#   116 kimg on   --threads 2 --batch-gpu 4: two passes of 4 images on two threads (1.38× the
#                 speed of one thread; bench/train-threads); same batch and hyper-parameters
# A fresh run starts with the latest settings.
exec node --import tsx lib/stylegan/cli.ts train --data "$DATA" --outdir "$RUN" \
  --cfg cpu --cbase "$CBASE" --cmax 64 --map 2 --wdim 128 \
  --batch 8 --batch-gpu 4 --threads 2 --gamma 0.8 --ada-kimg 100 --kimg "${KIMG:-200}" --tick 1 --snap 1 --keep 1 --grid 8x8 --seed 1 "$@"
