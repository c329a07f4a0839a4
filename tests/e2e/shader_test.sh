#!/usr/bin/env bash
# Validates every GLSL file of shaders/ with glslangValidator.
set -euo pipefail
dir=$1
count=0
for f in "$dir"/*.vert "$dir"/*.frag; do
    [ -e "$f" ] || continue
    glslangValidator "$f"
    count=$((count + 1))
done
[ "$count" -gt 0 ] || { echo "no shaders found in $dir" >&2; exit 1; }
echo "$count shaders valid"
