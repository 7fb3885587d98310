#!/usr/bin/env bash
# Coverage-guided fuzzing of P2PSim's decoders: the targets of PropertyTests/P2PSim.Fuzzing under afl-fuzz (afl++,
# through SharpFuzz's fork server), each bounded in time, then a report. See docs/fuzzing.md.
#
#   ci/fuzz.sh --minutes N            every target, N minutes EACH (the total is N times the number of targets)
#   ci/fuzz.sh --seconds N            the same in seconds (default 60)
#   ci/fuzz.sh --target NAME ...      only these targets (repeat --target; `--list` names them all)
#   ci/fuzz.sh --timeout MS           afl-fuzz's bound on one input (-t, default 2000); an input over it is a hang
#   ci/fuzz.sh --no-build             reuse the Release build already there (ci/test.sh builds first)
#   ci/fuzz.sh --list                 the targets and what each fuzzes
#
# Writes artifacts/fuzz/report.md (per target: execs, execs/s, corpus paths, bitmap coverage, stability, crashes,
# hangs) and the afl-fuzz output under artifacts/fuzz/findings/TARGET. Each crash input is copied to
# PropertyTests/P2PSim.Fuzzing/crashes/TARGET/ (named by its SHA-1), where the regression tests
# (PropertyTests/P2PSim.Fuzzing.Tests) replay it: fix the bug, keep the file. Hangs (an input over the -t bound) are
# reported and kept under artifacts/fuzz/hangs/TARGET only: on a loaded machine a slow run is not yet a bug; replay
# one with `dotnet artifacts/fuzz/bin/P2PSim.Fuzzing.dll TARGET FILE`.
# Exits 1 when a target crashed or ran no input at all, 2 for bad arguments.
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

seconds=60
timeout_ms=2000
targets=()
build=1
list=0
while (($#)); do
    case "$1" in
        --minutes) seconds=$(( $2 * 60 )); shift 2 ;;
        --seconds) seconds="$2"; shift 2 ;;
        --target) targets+=("$2"); shift 2 ;;
        --timeout) timeout_ms="$2"; shift 2 ;;
        --no-build) build=0; shift ;;
        --list) list=1; shift ;;
        -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
        *) echo "ci/fuzz.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
done
if ! [[ $seconds =~ ^[0-9]+$ && $timeout_ms =~ ^[0-9]+$ ]] || ((seconds < 1 || timeout_ms < 1)); then
    echo "ci/fuzz.sh: the time per target and the timeout must be positive whole numbers" >&2
    exit 2
fi

project=PropertyTests/P2PSim.Fuzzing
out=artifacts/fuzz
bin=$out/bin
if ((build)); then
    bash ci/setup.sh
    dotnet build "$project" -c Release -nologo -v quiet -clp:ErrorsOnly || exit 1
fi
if ! command -v afl-fuzz >/dev/null; then
    echo "ci/fuzz.sh: afl-fuzz not found; ci/setup.sh installs Debian's afl++" >&2
    exit 1
fi

# Instrument a copy: the build output stays as it is for the regression tests, which run the targets uninstrumented.
rm -rf "$bin"
mkdir -p "$out"
cp -r "$project/bin/Release/net10.0" "$bin"
for dll in "$bin"/P2PSim.*.dll; do
    [[ $(basename "$dll") == P2PSim.Fuzzing.dll ]] && continue
    dotnet sharpfuzz "$dll" >/dev/null || { echo "ci/fuzz.sh: sharpfuzz could not instrument $dll" >&2; exit 1; }
done

mapfile -t known < <(dotnet "$bin/P2PSim.Fuzzing.dll" --list | cut -f1)
if ((list)); then
    dotnet "$bin/P2PSim.Fuzzing.dll" --list
    exit 0
fi
if ((${#targets[@]} == 0)); then
    targets=("${known[@]}")
fi
for t in "${targets[@]}"; do
    if ! printf '%s\n' "${known[@]}" | grep -qx -- "$t"; then
        echo "ci/fuzz.sh: no target '$t' (ci/fuzz.sh --list)" >&2
        exit 2
    fi
done

# afl-fuzz on a shared CI machine, as root, on a .NET program: the binary has no AFL marks (the instrumentation is in
# the assemblies it loads), no core binding, no CPU governor or core_pattern checks, no terminal.
export AFL_SKIP_BIN_CHECK=1 AFL_NO_AFFINITY=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
export AFL_NO_UI=1 AFL_FAST_CAL=1 AFL_QUIET=1

stat() { sed -nE "s/^$1 +: (.*)$/\1/p" "$2" 2>/dev/null | head -1; }

report=$out/report.md
{
    echo "# Fuzzing report"
    echo
    echo "$(date -u '+%Y-%m-%d %H:%M UTC'), afl-fuzz $(afl-fuzz -h 2>&1 | sed -nE 's/.*afl-fuzz\+\+([0-9a-z.]+).*/\1/p' | head -1), ${seconds} s per target, $(nproc) cores."
    echo
    echo "| target | execs | execs/s | corpus | coverage | stability | crashes | hangs |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
} > "$report"

failed=0
details=()
for t in "${targets[@]}"; do
    findings=$out/findings/$t
    rm -rf "$findings"
    mkdir -p "$findings"
    echo "ci/fuzz.sh: fuzzing $t for $seconds s"
    # -V bounds the fuzzing; timeout bounds the rest (start-up, calibration) should afl-fuzz itself get stuck.
    timeout --kill-after=10 $((seconds + 120)) afl-fuzz -i "$project/corpus/$t" -o "$findings" -V "$seconds" -t "$timeout_ms" -m none \
        -- dotnet "$bin/P2PSim.Fuzzing.dll" "$t" > "$findings/afl.log" 2>&1
    status=$?
    # The file targets work in a folder per process, which a child killed by afl cannot remove itself.
    rm -rf /dev/shm/p2psim-fuzz-* "${TMPDIR:-/tmp}"/p2psim-fuzz-*
    stats=$findings/default/fuzzer_stats
    execs=$(stat execs_done "$stats"); execs=${execs:-0}
    runtime=$(stat run_time "$stats"); runtime=${runtime:-0}
    rate=$(awk -v e="$execs" -v r="$runtime" 'BEGIN { printf "%.0f", (r > 0 ? e / r : 0) }')
    corpus=$(stat corpus_count "$stats")
    coverage=$(stat bitmap_cvg "$stats")
    stability=$(stat stability "$stats")
    crashes=$(find "$findings/default/crashes" -type f -name 'id:*' 2>/dev/null | wc -l)
    hangs=$(find "$findings/default/hangs" -type f -name 'id:*' 2>/dev/null | wc -l)
    echo "| $t | $execs | $rate | ${corpus:-?} | ${coverage:-?} | ${stability:-?} | $crashes | $hangs |" >> "$report"

    if ((execs == 0)); then
        failed=1
        details+=("- $t ran no input (afl-fuzz exit $status): see $findings/afl.log")
        tail -15 "$findings/afl.log" >&2
    fi
    if ((crashes > 0)); then
        failed=1
        mkdir -p "$project/crashes/$t"
        for f in "$findings"/default/crashes/id:*; do
            name=$(sha1sum "$f" | cut -c1-16)
            cp "$f" "$project/crashes/$t/$name"
            what=$(dotnet "$bin/P2PSim.Fuzzing.dll" "$t" "$project/crashes/$t/$name" 2>&1 | sed -nE 's/^CRASH +[^:]+: //p' | head -1)
            details+=("- $t crash $project/crashes/$t/$name: ${what:-see the input}")
        done
    fi
    if ((hangs > 0)); then
        mkdir -p "$out/hangs/$t"
        cp "$findings"/default/hangs/id:* "$out/hangs/$t/"
        details+=("- $t: $hangs hang(s) over $timeout_ms ms under afl-fuzz, in $out/hangs/$t (replay them to tell a loaded machine from a bug)")
    fi
done

{
    echo
    echo "execs/s is execs over afl's run time (start-up and calibration included); corpus is afl's queue (seeds and"
    echo "the paths it found); coverage is the share of afl's 64 KiB edge map that was hit."
    if ((${#details[@]})); then
        echo
        printf '%s\n' "${details[@]}"
    fi
} >> "$report"
cat "$report"
exit "$failed"
