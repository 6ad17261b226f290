#!/bin/bash
# Regenerates keepalived 2.2.7's verdict on every corpus file: the columns interfaces, keepalived_exit
# and keepalived_lines of MANIFEST.tsv, and keepalived-t/NNN-*.txt (what `keepalived -t` printed).
#
# Each file is judged in a network namespace of its own that holds the interfaces the file names
# (`interface X`, `dev X`, `track_interface { X }`, `lvs_sync_daemon[_interface] X`), created as veth
# pairs because this kernel has no dummy driver. Scripts the files name are looked up on this host
# as they are: a missing one is part of keepalived's verdict. Run as root, from anywhere:
#   tests/Appliance.Config.Tests/Corpus/real/verdicts.sh
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
keepalived=${KEEPALIVED:-/usr/sbin/keepalived}
manifest=$here/MANIFEST.tsv
out=$here/keepalived-t
ns=
mkdir -p "$out"

cleanup() { [ -n "$ns" ] && ip netns del "$ns" 2>/dev/null; ns=; return 0; }
trap cleanup EXIT

case "$("$keepalived" -v 2>&1)" in *v2.2.7*) ;; *) echo "verdicts.sh: needs keepalived 2.2.7 at $keepalived" >&2; exit 1 ;; esac

# The interface names a file mentions, one a line: comments ('#' or '!' to the end of the line) are
# dropped, then the word after interface/dev/lvs_sync_daemon* and the first word of each line inside a
# track_interface block.
interfaces_of() {
    awk '
        { sub(/[#!].*/, ""); n = split($0, w, /[ \t]+/); k = 0
          for (i = 1; i <= n; i++) if (w[i] != "") t[++k] = w[i]
          if (inblock) { if (t[1] == "}") inblock = 0; else if (k > 0 && t[1] != "{") print t[1]; delete t; next }
          for (i = 1; i <= k; i++) {
              if ((t[i] == "interface" || t[i] == "dev" || t[i] ~ /^lvs_sync_daemon(_interface)?$/) && i < k) print t[i + 1]
              if (t[i] == "track_interface") { inblock = 1; for (j = i + 1; j <= k; j++) if (t[j] == "}") inblock = 0 }
          }
          delete t }' "$1" | sort -u
}

tmp=$(mktemp)
head -1 "$manifest" | cut -f1-5 | tr -d '\n' > "$tmp"
printf '\tinterfaces\tkeepalived_exit\tkeepalived_lines\n' >> "$tmp"
while IFS=$'\t' read -r file repo path commit licence _; do
    ns=apverdict$$
    ip netns add "$ns"
    made=()
    k=0
    while read -r name; do
        [ -z "$name" ] && continue
        k=$((k + 1))
        # The peer end gets a name no configuration uses.
        if ip -n "$ns" link add "$name" type veth peer name "zzvp$k" 2>/dev/null; then made+=("$name"); fi
    done < <(interfaces_of "$here/$file")
    set +e
    (cd "$here" && ip netns exec "$ns" "$keepalived" -t -f "$file" > "$out/${file%.conf}.txt" 2>&1)
    code=$?
    set -e
    cleanup
    # keepalived prefixes what it complains about with "(Line N)" or "(FILE: Line N)"; only lines of
    # this file count (an include names its own file).
    lines=$(grep -oE "^\((${file//./\\.}: )?Line [0-9]+\)" "$out/${file%.conf}.txt" | grep -oE '[0-9]+\)$' | tr -d ')' | sort -nu | paste -sd, - || true)
    ifs=$(IFS=,; echo "${made[*]:-}")
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$file" "$repo" "$path" "$commit" "$licence" "${ifs:--}" "$code" "${lines:--}" >> "$tmp"
done < <(tail -n +2 "$manifest")
mv "$tmp" "$manifest"
chmod 644 "$manifest"
echo "verdicts.sh: $(($(wc -l < "$manifest") - 1)) files judged; see $manifest"
