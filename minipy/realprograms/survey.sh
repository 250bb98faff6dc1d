#!/usr/bin/env bash
# Runs each real program under python3 and minipy and says whether the outputs are equal.
# Usage: minipy/realprograms/survey.sh [MINIPY_BINARY]   (default: target/release/minipy)
cd "$(dirname "$0")/programs" || exit 1
MINIPY=${1:-../../../target/release/minipy}
ok=0; total=0
for f in *.py; do
    n=${f%.py}; [ "$n" = pyperf ] && continue
    total=$((total + 1))
    a=$(timeout 300 python3 "$f" 2>&1)
    s=$(date +%s.%N); b=$(timeout 300 "$MINIPY" "$f" 2>&1); e=$(date +%s.%N)
    if [ "$a" == "$b" ]; then st=OK; ok=$((ok + 1)); else st="FAIL: $(echo "$b" | tail -1 | cut -c1-100)"; fi
    printf "%-16s %6.2fs %s\n" "$n" "$(echo "$e - $s" | bc)" "$st"
done
echo "$ok of $total programs print what python3 prints"
