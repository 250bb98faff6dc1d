#!/usr/bin/env bash
# Times the CPU-bound real programs under python3 and minipy, alternating, and prints the median
# CPU time (user + system) of each and their ratio, then the geometric mean of the ratios.
# Usage: minipy/realprograms/timing.sh [MINIPY_BINARY] [RUNS]   (defaults: target/release/minipy, 3)
# unpack_sequence's benchmark runs one loop under the pyperf stand-in, which takes less time than
# starting python3; it is timed with 3000 loops, importing the unmodified program.
here=$(dirname "$0")
MINIPY=$(realpath -e "${1:-$here/../../target/release/minipy}" 2>/dev/null) || {
    echo "timing.sh: no minipy binary at ${1:-$here/../../target/release/minipy}" >&2; exit 2; }
[ -x "$MINIPY" ] || { echo "timing.sh: $MINIPY is not executable" >&2; exit 2; }
RUNS=${2:-3}
case "$RUNS" in ''|*[!0-9]*|0) echo "timing.sh: RUNS must be a positive number" >&2; exit 2;; esac
cd "$here/programs" || exit 1
cpu() { /usr/bin/time -f "%U %S" "$@" 2>&1 >/dev/null | tail -1 | awk '{print $1 + $2}'; }
median() { sort -n | sed -n "$(((RUNS + 1) / 2))p"; }
logsum=0; count=0
for n in fannkuch nbody richards richards_super spectral_norm unpack_sequence; do
    if [ "$n" = unpack_sequence ]; then
        args=(-c "import unpack_sequence as u; u.bench_all(3000)")
    else
        args=("$n.py")
    fi
    py=(); mp=()
    for _ in $(seq "$RUNS"); do
        py+=("$(cpu python3 "${args[@]}")")
        mp+=("$(cpu "$MINIPY" "${args[@]}")")
    done
    p=$(printf "%s\n" "${py[@]}" | median)
    m=$(printf "%s\n" "${mp[@]}" | median)
    r=$(echo "$m / $p" | bc -l)
    logsum=$(echo "$logsum + l($r)" | bc -l); count=$((count + 1))
    printf "%-16s python3 %6.2fs  minipy %6.2fs  %5.2fx\n" "$n" "$p" "$m" "$r"
done
printf "geometric mean   %5.2fx\n" "$(echo "e($logsum / $count)" | bc -l)"
