#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# bench.sh - iamroot-run benchmark harness.  A measuring tool, not a test: it
# never fails on a time, only on a broken set-up.
#
# Runs each workload natively and under each supervisor (iamroot-run, proot,
# fakeroot, fakechroot: those installed), interleaved, R repetitions, and
# prints per workload the median wall time, the median ns/op the program
# reports about its own loop, the ratio of both to native, and for
# iamroot-run the ratio to the ptrace floor measured on this machine by
# ptrace-floor:
#   floor (a)  seccomp RET_TRACE stop + waitpid + PTRACE_CONT, nothing else;
#   floor (b)  (a) + PTRACE_GET_SYSCALL_INFO + one process_vm_readv of the
#              path: what a tracer that must read the path cannot beat.
# For a workload doing k trapped syscalls per op the floor is
#   native ns/op + k * (floor mode ns/op - floor native ns/op),
# using, per mode, the lower of the unpinned and same-CPU measurements.
#
# TARGETS (goals to read the numbers against; nothing here asserts them):
#   - an untrapped syscall (loop-getppid) under iamroot-run: within 1.5x
#     native ns/op;
#   - a trapped pass-through syscall (loop-stat) under iamroot-run: within
#     1.3x floor (b).
#
# Adding a workload: one row in WORKLOADS and one wl_<name> function below
# (optional setup_<name> once before all runs, prep_<name> untimed before each
# run).  Adding a supervisor: one line in set_runner and in runner_available.
#
# Run with --help for the options.

# The wl_/setup_/prep_ functions are called by name.
# shellcheck disable=SC2317

set -u -o pipefail
export LC_ALL=C

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SRC_ROOT=$(cd "$SCRIPT_DIR/../.." && pwd)

# ---- defaults ---------------------------------------------------------------
REPS=5
REPS_SET=0
SCALE=1
QUICK=0
ROOT=/
STAT_PATH=/etc/passwd
FLOOR_N=20000
FLOOR_SET=0
TIMEOUT=600
BUILD_DIR=
BENCH_DIR=
IR=
JSON=
AS_USER=
TASKSET=
ONLY_WORKLOADS=
ONLY_RUNNERS=
DO_FLOOR=1
ALL_RUNNERS="native iamroot-run proot fakeroot fakechroot"

# ---- workloads --------------------------------------------------------------
# name            N (full run)  trapped/op  description
#   trapped/op: trapped syscalls per op of the program's own loop, used for
#   the floor ratios; '-' where that is not a fixed number (no floor ratio).
WORKLOADS='
loop-getppid      200000   0   getppid(), not trapped
loop-stat          50000   1   stat(PATH), trapped pass-through
loop-openclose     50000   1   open(PATH)+close(), one trapped and one not
loop-forkexec        300   -   fork + execve of a static program + wait
'
# Each wl_ function runs its command through `run` (the current runner) with
# $N iterations.  Paths are host paths: with --root other than /, they must
# exist inside ROOT as well.
wl_loop_getppid()   { run "$BENCH_DIR/loop-getppid" -n "$N"; }
wl_loop_stat()      { run "$BENCH_DIR/loop-stat" -n "$N" -p "$STAT_PATH"; }
wl_loop_openclose() { run "$BENCH_DIR/loop-openclose" -n "$N" -p "$STAT_PATH"; }
wl_loop_forkexec()  { run "$BENCH_DIR/loop-forkexec" -n "$N" -p "$BENCH_DIR/bench-true"; }

# ---- runners ----------------------------------------------------------------
# set_runner NAME: the command prefix (array PFX) that runs a command under NAME.
set_runner() {
	case $1 in
	native)      PFX=() ;;
	iamroot-run) PFX=("$IR" -r "$ROOT" --) ;;
	proot)       PFX=(proot -r "$ROOT") ;;
	fakeroot)    PFX=(fakeroot --) ;;
	fakechroot)  PFX=(fakechroot chroot "$ROOT") ;;
	*)           die "unknown runner '$1'" ;;
	esac
	# shellcheck disable=SC2034 # for workload functions that need to know
	RUNNER=$1
}

runner_available() {
	case $1 in
	native)      return 0 ;;
	iamroot-run) [ -n "$IR" ] && [ -x "$IR" ] ;;
	fakechroot)  command -v fakechroot >/dev/null && command -v chroot >/dev/null ;;
	*)           command -v "$1" >/dev/null ;;
	esac
}

# A note printed beside a runner's numbers.
runner_note() {
	case $1 in
	proot)
		local v
		v=$(proot -V 2>&1)
		if grep -q 'seccomp_filter = no' <<<"$v"; then
			echo "built WITHOUT seccomp acceleration: every syscall stops"
		elif grep -q 'seccomp_filter = yes' <<<"$v"; then
			echo "seccomp acceleration built in"
		fi
		;;
	fakechroot) echo "LD_PRELOAD: not seen by static binaries" ;;
	fakeroot)   echo "LD_PRELOAD + faked daemon" ;;
	esac
}

# The same, short, for the table.
runner_tag() {
	case $1 in
	proot) proot -V 2>&1 | grep -q 'seccomp_filter = no' && echo "no seccomp accel" ;;
	esac
}

runner_version() {
	case $1 in
	iamroot-run) "$IR" --version 2>/dev/null | head -n1 ;;
	proot)       proot -V 2>&1 | grep -Eo '[0-9]+\.[0-9]+\.[0-9]+' | head -n1 ;;
	fakeroot)    fakeroot --version 2>/dev/null | head -n1 ;;
	fakechroot)  fakechroot --version 2>/dev/null | head -n1 ;;
	esac
}

# asu CMD...: CMD natively as the identity the workloads run as (for setup_
# and prep_ functions that create files the workload will own or modify).
asu() { "${ASU[@]}" "$@"; }

# run CMD...: CMD under the current runner (and --as-user identity).
# timeout(1) wraps every runner alike, native included, so a hung supervisor
# costs one run, not the whole benchmark.
run() { timeout -k 5 "$TIMEOUT" "${ASU[@]}" "${PFX[@]}" "$@"; }

# ---- helpers ----------------------------------------------------------------
die()  { echo "bench.sh: $*" >&2; exit 2; }
note() { echo "bench.sh: $*" >&2; }

usage() {
	cat <<EOF
usage: bench.sh [OPTIONS]

Runs the tools/bench workloads natively and under iamroot-run, proot,
fakeroot and fakechroot (those found), interleaved, and prints medians and
ratios.  Build first: meson setup build && ninja -C build.

options:
  --iamroot-run PATH  the binary to measure (default: BUILD/iamroot-run)
  --build-dir DIR     meson build directory (default: ./build, else
                      $SRC_ROOT/build)
  --bench-dir DIR     where the bench programs are (default: BUILD/tools/bench)
  --reps R            repetitions of every (workload, runner) (default $REPS)
  --scale F           multiply every workload's N by F (default 1)
  --quick             smoke run: --reps 1 --scale 0.05 (explicit --reps wins)
  --workloads LIST    comma-separated subset (see --list)
  --runners LIST      comma-separated subset of: ${ALL_RUNNERS// /,}
  --root DIR          virtual root given to iamroot-run, proot, fakechroot
                      (default /; workload paths must exist inside it)
  --path PATH         file that loop-stat and loop-openclose use
                      (default $STAT_PATH)
  --floor-n N         stat calls per ptrace-floor mode (default $FLOOR_N,
                      scaled like the workloads but at least 2000)
  --no-floor          skip the ptrace floor
  --as-user USER      run everything as USER via setpriv (when run as root)
  --taskset CPUS      run everything under taskset -c CPUS
  --timeout SEC       kill a single run after SEC seconds (default $TIMEOUT)
  --json FILE         also write all results as JSON
  --list              list workloads and runners, then exit
  -h, --help          this help

Reading the table: 'wall' is the median wall time of the whole command,
start-up included; 'ns/op' the median per-iteration time the program measured
around its own loop.  'x' columns are ratios to native (wall, ns/op) and,
for iamroot-run, to the ptrace floors (a) and (b).  'spread' is
(max-min)/median of the ns/op (of the wall times where a workload reports no
ns/op).  See tools/bench/README.md.
EOF
}

# Workload names, in table order.
workload_names() { awk 'NF { print $1 }' <<<"$WORKLOADS"; }
workload_field() { awk -v w="$1" -v f="$2" '$1 == w { print $f }' <<<"$WORKLOADS"; }
workload_desc()  { awk -v w="$1" '$1 == w { $1 = $2 = $3 = ""; sub(/^ +/, ""); print }' <<<"$WORKLOADS"; }
wl_func()        { echo "wl_${1//-/_}"; }

# N for a workload after --scale, at least 1.
scaled() { awk -v n="$1" -v s="$SCALE" 'BEGIN { v = int(n * s); print (v < 1 ? 1 : v) }'; }

in_list() { # in_list WORD COMMA,LIST
	[[ ",$2," == *",$1,"* ]]
}

# ---- options ----------------------------------------------------------------
while [ $# -gt 0 ]; do
	case $1 in
	--iamroot-run) IR=${2:?}; shift ;;
	--build-dir)   BUILD_DIR=${2:?}; shift ;;
	--bench-dir)   BENCH_DIR=${2:?}; shift ;;
	--reps)        REPS=${2:?}; REPS_SET=1; shift ;;
	--scale)       SCALE=${2:?}; shift ;;
	--quick)       QUICK=1 ;;
	--workloads)   ONLY_WORKLOADS=${2:?}; shift ;;
	--runners)     ONLY_RUNNERS=${2:?}; shift ;;
	--root)        ROOT=${2:?}; shift ;;
	--path)        STAT_PATH=${2:?}; shift ;;
	--floor-n)     FLOOR_N=${2:?}; FLOOR_SET=1; shift ;;
	--no-floor)    DO_FLOOR=0 ;;
	--as-user)     AS_USER=${2:?}; shift ;;
	--taskset)     TASKSET=${2:?}; shift ;;
	--timeout)     TIMEOUT=${2:?}; shift ;;
	--json)        JSON=${2:?}; shift ;;
	--list)        LIST=1 ;;
	-h|--help)     usage; exit 0 ;;
	*)             usage >&2; exit 2 ;;
	esac
	shift
done

if [ "${LIST:-0}" = 1 ]; then
	echo "workloads (name, N, trapped/op, description):"
	awk 'NF { printf "  %-16s %8s  %3s  ", $1, $2, $3; $1 = $2 = $3 = ""; sub(/^ +/, ""); print }' <<<"$WORKLOADS"
	echo "runners: $ALL_RUNNERS"
	exit 0
fi

[[ $REPS =~ ^[1-9][0-9]*$ ]] || die "--reps wants a positive integer"
[[ $SCALE =~ ^[0-9]*\.?[0-9]+$ ]] || die "--scale wants a positive number"
[[ $FLOOR_N =~ ^[1-9][0-9]*$ ]] || die "--floor-n wants a positive integer"
[[ $TIMEOUT =~ ^[1-9][0-9]*$ ]] || die "--timeout wants seconds"
if [ "$QUICK" = 1 ]; then
	[ "$REPS_SET" = 1 ] || REPS=1
	SCALE=$(awk -v s="$SCALE" 'BEGIN { print s * 0.05 }')
fi
if [ "$FLOOR_SET" = 0 ]; then
	FLOOR_N=$(scaled "$FLOOR_N")
	[ "$FLOOR_N" -ge 2000 ] || FLOOR_N=2000
fi
[ -d "$ROOT" ] || die "--root $ROOT: not a directory"

if [ -z "$BUILD_DIR" ]; then
	if [ -d ./build ]; then BUILD_DIR=./build; else BUILD_DIR=$SRC_ROOT/build; fi
fi
[ -n "$BENCH_DIR" ] || BENCH_DIR=$BUILD_DIR/tools/bench
BENCH_DIR=$(cd "$BENCH_DIR" 2>/dev/null && pwd) ||
	die "no bench programs in '$BENCH_DIR': meson setup build && ninja -C build (or --bench-dir)"
for p in loop-getppid loop-stat loop-openclose loop-forkexec bench-true ptrace-floor; do
	[ -x "$BENCH_DIR/$p" ] || die "$BENCH_DIR/$p missing: ninja -C $BUILD_DIR"
done
if [ -z "$IR" ] && [ -x "$BUILD_DIR/iamroot-run" ]; then
	IR=$BUILD_DIR/iamroot-run
fi
if [ -n "$IR" ]; then
	[ -x "$IR" ] || die "--iamroot-run $IR: not executable"
	IR=$(cd "$(dirname "$IR")" && pwd)/$(basename "$IR")
fi

# ASU: the prefix of every measured command (CPU set, identity).
ASU=()
if [ -n "$TASKSET" ]; then
	command -v taskset >/dev/null || die "--taskset: no taskset"
	ASU+=(taskset -c "$TASKSET")
fi
if [ -n "$AS_USER" ]; then
	uid=$(id -u "$AS_USER") || die "no user '$AS_USER'"
	gid=$(id -g "$AS_USER")
	if [ "$(id -u)" = 0 ]; then
		ASU+=(setpriv --reuid="$uid" --regid="$gid" --clear-groups --inh-caps=-all --)
	elif [ "$(id -u)" != "$uid" ]; then
		die "--as-user needs root"
	fi
fi

# Which workloads and runners take part.
if [ -n "$ONLY_WORKLOADS" ]; then
	for w in ${ONLY_WORKLOADS//,/ }; do
		[ -n "$(workload_field "$w" 1)" ] || die "unknown workload '$w' (see --list)"
	done
fi
if [ -n "$ONLY_RUNNERS" ]; then
	for r in ${ONLY_RUNNERS//,/ }; do
		in_list "$r" "${ALL_RUNNERS// /,}" || die "unknown runner '$r'"
	done
fi
WLS=()
for w in $(workload_names); do
	if [ -z "$ONLY_WORKLOADS" ] || in_list "$w" "$ONLY_WORKLOADS"; then
		declare -F "$(wl_func "$w")" >/dev/null || die "workload $w has no $(wl_func "$w")"
		WLS+=("$w")
	fi
done
[ ${#WLS[@]} -gt 0 ] || die "no workload selected (see --list)"

RUNNERS=()
SKIPPED=()
for r in $ALL_RUNNERS; do
	if [ -n "$ONLY_RUNNERS" ] && ! in_list "$r" "$ONLY_RUNNERS"; then
		continue
	fi
	if runner_available "$r"; then
		RUNNERS+=("$r")
	else
		case $r in
		iamroot-run) SKIPPED+=("iamroot-run (not built: give --iamroot-run PATH)") ;;
		*)           SKIPPED+=("$r (not installed)") ;;
		esac
	fi
done

TMPD=$(mktemp -d /tmp/iamroot-bench.XXXXXX) || die "mktemp"
trap 'rm -rf "$TMPD"' EXIT
chmod 755 "$TMPD"
RESULTS=$TMPD/results
: >"$RESULTS"
# WORKDIR: scratch space for workloads, writable by the identity they run as.
WORKDIR=$TMPD/work
mkdir "$WORKDIR" || die "mkdir $WORKDIR"
[ -n "$AS_USER" ] && [ "$(id -u)" = 0 ] && chown "$uid:$gid" "$WORKDIR"

# Warm-up: page cache, and a check that every runner works at all.
warm=()
for r in "${RUNNERS[@]}"; do
	set_runner "$r"
	if run "$BENCH_DIR/loop-getppid" -q -n 1000 >/dev/null 2>"$TMPD/err" &&
	   run "$BENCH_DIR/loop-stat" -q -n 10 -p "$STAT_PATH" >/dev/null 2>>"$TMPD/err"; then
		warm+=("$r")
	else
		SKIPPED+=("$r (failed its warm-up run, left out: $(head -c 200 "$TMPD/err" | tr '\n' ' '))")
	fi
done
RUNNERS=("${warm[@]}")

# ---- header -----------------------------------------------------------------
cpu_model=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null)
echo "iamroot-run benchmark  $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: $(uname -sr), $(uname -m), $(nproc) CPUs${cpu_model:+, $cpu_model}"
echo "reps: $REPS (interleaved)  scale: $SCALE  root: $ROOT  path: $STAT_PATH${AS_USER:+  user: $AS_USER}${TASKSET:+  cpus: $TASKSET}"
for r in "${RUNNERS[@]}"; do
	[ "$r" = native ] && continue
	v=$(runner_version "$r")
	n=$(runner_note "$r")
	case $r in
	iamroot-run) loc=$IR ;;
	*)           loc=$(command -v "$r") ;;
	esac
	printf 'runner: %-12s %s%s%s\n' "$r" "$loc" "${v:+  [$v]}" "${n:+  ($n)}"
	tag=$(runner_tag "$r")
	[ -n "$tag" ] && printf 'N %s %s\n' "$r" "$tag" >>"$RESULTS"
done
for s in "${SKIPPED[@]}"; do
	echo "skipped: $s"
done
echo

# ---- measuring --------------------------------------------------------------
# measure WORKLOAD RUNNER REP: one timed run, appended to $RESULTS as
#   R workload runner rep rc wall_us ns_per_op
measure() {
	local w=$1 f rc t0 t1 nsop
	f=$(wl_func "$w")
	N=$(scaled "$(workload_field "$w" 2)")
	set_runner "$2"
	if declare -F "prep_${w//-/_}" >/dev/null; then
		"prep_${w//-/_}" || die "prep of $w failed"
	fi
	t0=$EPOCHREALTIME
	"$f" >"$TMPD/out" 2>"$TMPD/err"
	rc=$?
	t1=$EPOCHREALTIME
	nsop=$(sed -n 's|.*ns/op=\([0-9.]*\).*|\1|p' "$TMPD/out" | tail -n1)
	echo "R $w $2 $3 $rc $(( ${t1//[!0-9]/} - ${t0//[!0-9]/} )) ${nsop:--}" >>"$RESULTS"
	if [ "$rc" != 0 ]; then
		note "$w under $2 (rep $3) exited $rc: $(head -c 300 "$TMPD/err" | tr '\n' ' ')"
	fi
}

# floor REP: ptrace-floor unpinned and with tracer and tracee on one CPU.
floor() {
	local variant args line mode ns
	for variant in any same-cpu; do
		args=(-n "$FLOOR_N" -p "$STAT_PATH")
		[ "$variant" = same-cpu ] && args+=(-c 0)
		if ! "${ASU[@]}" "$BENCH_DIR/ptrace-floor" "${args[@]}" >"$TMPD/out" 2>"$TMPD/err"; then
			note "ptrace-floor ($variant) failed: $(head -c 300 "$TMPD/err" | tr '\n' ' ')"
		fi
		while read -r line; do
			mode=$(sed -n 's/.* mode=\([^ ]*\).*/\1/p' <<<"$line")
			ns=$(sed -n 's|.* ns/op=\([0-9.]*\).*|\1|p' <<<"$line")
			[ -n "$mode" ] && [ -n "$ns" ] && echo "F $variant $mode $1 $ns" >>"$RESULTS"
		done <"$TMPD/out"
	done
}


# Once-per-run setup of workloads that have one.
for w in "${WLS[@]}"; do
	if declare -F "setup_${w//-/_}" >/dev/null; then
		"setup_${w//-/_}" || die "setup of $w failed"
	fi
done

progress() { [ -t 2 ] && printf '\r%-70s' "$1" >&2; return 0; }
nr=${#RUNNERS[@]}
total=$(( REPS * (${#WLS[@]} * nr + DO_FLOOR) ))
done_runs=0
for (( rep = 1; rep <= REPS; rep++ )); do
	if [ "$DO_FLOOR" = 1 ]; then
		progress "[$done_runs/$total] rep $rep: ptrace-floor"
		floor "$rep"
		done_runs=$(( done_runs + 1 ))
	fi
	for w in "${WLS[@]}"; do
		# Rotate the runner order every repetition so no runner always goes first.
		for (( i = 0; i < nr; i++ )); do
			r=${RUNNERS[$(( (i + rep - 1) % nr ))]}
			progress "[$done_runs/$total] rep $rep: $w under $r"
			measure "$w" "$r" "$rep"
			done_runs=$(( done_runs + 1 ))
		done
	done
done
if [ -t 2 ]; then printf '\r%70s\r' '' >&2; fi


# ---- report -----------------------------------------------------------------
for w in "${WLS[@]}"; do
	echo "W $w $(scaled "$(workload_field "$w" 2)") $(workload_field "$w" 3) $(workload_desc "$w")" >>"$RESULTS"
done

awk -v wls="${WLS[*]}" -v runners="${RUNNERS[*]}" -v floor_n="$FLOOR_N" \
    -v reps="$REPS" -v json="$JSON" -v machine="$(uname -sr) $(uname -m) $(nproc)cpu" \
    -v stat_path="$STAT_PATH" '
function median(list,    a, n, i, j, t) {
	n = split(list, a, " ")
	if (n == 0) return ""
	for (i = 2; i <= n; i++) {            # insertion sort, n is small
		t = a[i] + 0
		for (j = i - 1; j >= 1 && a[j] + 0 > t; j--) a[j + 1] = a[j]
		a[j + 1] = t
	}
	return n % 2 ? a[(n + 1) / 2] + 0 : (a[n / 2] + a[n / 2 + 1]) / 2
}
function minmax_spread(list,    a, n, i, lo, hi, m) {
	n = split(list, a, " ")
	if (n < 2) return ""
	lo = hi = a[1] + 0
	for (i = 2; i <= n; i++) { if (a[i] + 0 < lo) lo = a[i] + 0; if (a[i] + 0 > hi) hi = a[i] + 0 }
	m = median(list)
	return m > 0 ? (hi - lo) / m * 100 : ""
}
function fmt(v, p) { return v == "" ? "-" : sprintf("%." p "f", v) }
function ratio(a, b) { return (a == "" || b == "" || b <= 0) ? "" : a / b }
function jnum(v) { return v == "" ? "null" : sprintf("%.10g", v) }
function jstr(s) { gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); return "\"" s "\"" }
$1 == "R" {
	k = $2 SUBSEP $3
	runs[k]++
	if ($5 == 0) {
		ok[k]++
		wall[k] = wall[k] " " $6 / 1000.0          # ms
		if ($7 != "-") nsop[k] = nsop[k] " " $7
	}
}
$1 == "F" { fl[$2 SUBSEP $3] = fl[$2 SUBSEP $3] " " $5 }
$1 == "N" { r = $2; $1 = $2 = ""; sub(/^ +/, ""); rnote[r] = $0 }
$1 == "W" { wn[$2] = $3; wtraps[$2] = $4; d = $0; sub(/^W [^ ]+ [^ ]+ [^ ]+ /, "", d); wdesc[$2] = d }
END {
	nw = split(wls, W, " "); nr = split(runners, RR, " ")

	# ptrace floor
	have_floor = 0
	for (v = 1; v <= 2; v++) {
		variant = v == 1 ? "any" : "same-cpu"
		for (m = 1; m <= 3; m++) {
			mode = m == 1 ? "native" : (m == 2 ? "a" : "b")
			fm[variant, mode] = median(fl[variant, mode])
			if (fm[variant, mode] != "") have_floor = 1
		}
	}
	# Per-trap overhead: the lower of the two placements.
	for (m = 2; m <= 3; m++) {
		mode = m == 2 ? "a" : "b"
		best[mode] = ""; bestv[mode] = ""
		for (v = 1; v <= 2; v++) {
			variant = v == 1 ? "any" : "same-cpu"
			if (fm[variant, mode] == "" || fm[variant, "native"] == "") continue
			o = fm[variant, mode] - fm[variant, "native"]
			if (best[mode] == "" || o < best[mode]) { best[mode] = o; bestv[mode] = (variant == "any" ? "unpinned" : "same CPU") }
		}
	}
	if (have_floor) {
		printf "ptrace floor: stat(%s), %d calls per mode, median of %d (ns per call)\n", stat_path, floor_n, reps
		printf "  %-62s %10s %10s\n", "mode", "unpinned", "same CPU"
		printf "  %-62s %10s %10s\n", "native stat", fmt(fm["any", "native"], 0), fmt(fm["same-cpu", "native"], 0)
		printf "  %-62s %10s %10s\n", "(a) RET_TRACE stop + waitpid + PTRACE_CONT", fmt(fm["any", "a"], 0), fmt(fm["same-cpu", "a"], 0)
		printf "  %-62s %10s %10s\n", "(b) (a) + GET_SYSCALL_INFO + process_vm_readv", fmt(fm["any", "b"], 0), fmt(fm["same-cpu", "b"], 0)
		printf "  cost of one trap over native: (a) %s ns (%s), (b) %s ns (%s)\n\n", \
			fmt(best["a"], 0), bestv["a"], fmt(best["b"], 0), bestv["b"]
	}

	hdr = sprintf("%-16s %-12s %8s %10s %7s %10s %7s %8s %8s %7s  %s", \
		"workload", "runner", "N", "wall ms", "x nat", "ns/op", "x nat", "x flr a", "x flr b", "spread", "note")
	print hdr
	gsub(/./, "-", hdr); print hdr
	for (i = 1; i <= nw; i++) {
		w = W[i]
		nat_wall = median(wall[w, "native"]); nat_op = median(nsop[w, "native"])
		for (j = 1; j <= nr; j++) {
			r = RR[j]; k = w SUBSEP r
			if (!runs[k]) continue
			mw = median(wall[k]); mo = median(nsop[k])
			sp = minmax_spread(nsop[k] != "" ? nsop[k] : wall[k])
			fa = fb = ""
			if (r == "iamroot-run" && wtraps[w] ~ /^[0-9]+$/ && wtraps[w] > 0 && nat_op != "") {
				if (best["a"] != "") fa = ratio(mo, nat_op + wtraps[w] * best["a"])
				if (best["b"] != "") fb = ratio(mo, nat_op + wtraps[w] * best["b"])
			}
			nt = rnote[r]
			if (ok[k] + 0 < runs[k]) nt = sprintf("FAILED %d/%d runs%s", runs[k] - ok[k], runs[k], nt != "" ? "; " nt : "")
			if (!ok[k]) {
				printf "%-16s %-12s %8s %10s %7s %10s %7s %8s %8s %7s  %s\n", \
					(j == 1 ? w : ""), r, wn[w], "-", "-", "-", "-", "-", "-", "-", nt
				continue
			}
			printf "%-16s %-12s %8s %10s %7s %10s %7s %8s %8s %7s  %s\n", \
				(j == 1 ? w : ""), r, wn[w], fmt(mw, 1), fmt(ratio(mw, nat_wall), 2), \
				fmt(mo, 0), fmt(ratio(mo, nat_op), 2), fmt(fa, 2), fmt(fb, 2), \
				(sp == "" ? "-" : sprintf("%.0f%%", sp)), nt
			res_wall[k] = mw; res_op[k] = mo; res_fa[k] = fa; res_fb[k] = fb; res_sp[k] = sp
		}
	}

	# Targets, for reading; never a verdict on the exit status.
	t1 = ratio(res_op["loop-getppid", "iamroot-run"], median(nsop["loop-getppid", "native"]))
	t2 = res_fb["loop-stat", "iamroot-run"]
	if (t1 != "" || t2 != "") {
		print ""
		print "targets (goals, not pass/fail):"
		if (t1 != "")
			printf "  untrapped syscall  loop-getppid  iamroot-run %5.2fx native    (target <= 1.5x)  %s\n", t1, t1 <= 1.5 ? "met" : "NOT met"
		if (t2 != "")
			printf "  trapped syscall    loop-stat     iamroot-run %5.2fx floor (b) (target <= 1.3x)  %s\n", t2, t2 <= 1.3 ? "met" : "NOT met"
	}

	if (json != "") {
		printf "{\n  \"machine\": %s,\n  \"reps\": %d,\n  \"path\": %s,\n", jstr(machine), reps, jstr(stat_path) > json
		printf "  \"floor\": {\"n\": %d", floor_n > json
		for (v = 1; v <= 2; v++) {
			variant = v == 1 ? "any" : "same-cpu"
			printf ", %s: {\"native\": %s, \"a\": %s, \"b\": %s}", jstr(variant), \
				jnum(fm[variant, "native"]), jnum(fm[variant, "a"]), jnum(fm[variant, "b"]) > json
		}
		printf ", \"trap_ns_a\": %s, \"trap_ns_b\": %s},\n  \"results\": [", jnum(best["a"]), jnum(best["b"]) > json
		sep = "\n"
		for (i = 1; i <= nw; i++) {
			w = W[i]
			for (j = 1; j <= nr; j++) {
				r = RR[j]; k = w SUBSEP r
				if (!runs[k]) continue
				printf "%s    {\"workload\": %s, \"runner\": %s, \"n\": %d, \"runs\": %d, \"ok\": %d, " \
					"\"wall_ms\": %s, \"wall_x_native\": %s, \"ns_per_op\": %s, \"op_x_native\": %s, " \
					"\"x_floor_a\": %s, \"x_floor_b\": %s, \"spread_pct\": %s, \"note\": %s}", \
					sep, jstr(w), jstr(r), wn[w], runs[k], ok[k], jnum(res_wall[k]), \
					jnum(ratio(res_wall[k], median(wall[w, "native"]))), jnum(res_op[k]), \
					jnum(ratio(res_op[k], median(nsop[w, "native"]))), jnum(res_fa[k]), \
					jnum(res_fb[k]), jnum(res_sp[k]), jstr(rnote[r]) > json
				sep = ",\n"
			}
		}
		printf "\n  ]\n}\n" > json
		close(json)
	}
}' "$RESULTS"

[ -n "$JSON" ] && echo && echo "JSON written to $JSON"
exit 0
