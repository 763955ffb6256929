#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# bench.sh - iamroot-run benchmark harness.  A measuring tool, not a test: it
# never fails on a time, only on a broken set-up.
#
# Runs each workload natively and under each supervisor that applies to it
# (iamroot-run, proot, fakeroot, fakechroot, chroot as root: those installed),
# interleaved, R repetitions, and prints per workload the median wall time,
# the median ns/op the program reports about its own loop, the ratio of both
# to the workload's baseline (native, or native as root for the fake-root
# workloads), and for iamroot-run the ratio to the ptrace floor measured on
# this machine by ptrace-floor:
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
#     1.3x floor (b);
#   - a stat of a path inside a root, translation on (loop-stat-root):
#     within 1.3x floor (b);
#   - find + stat over a 30,000-file tree inside a root (find-root): within
#     4x native wall time;
#   - fake root, tar -xp with owners + chown -R of 30,000 files
#     (tar-xp-owners, chown-R): under 3x native-as-root wall time, and
#     ahead of every peer (fakeroot, proot -0);
#   - a Debian minbase root built from a local repository (debootstrap,
#     mmdebstrap; only with --workloads): within 1.5x native-as-root wall
#     time, and ahead of fakechroot + fakeroot.
#
# Adding a workload: one row in WORKLOADS and one wl_<name> function below
# (optional setup_<name> once before all runs, prep_<name> untimed before each
# run, check_<name> untimed after it, root_<name> for the root directory its
# runners use).  Adding a supervisor: one line in set_runner and in
# runner_available, and its name in ALL_RUNNERS.
#
# Run with --help for the options.

# The wl_/setup_/prep_/check_/root_ functions are called by name.
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
SUITE=
MIRROR=
REPO_CACHE=
REPO=
FLOOR_SET=0
TIMEOUT=600
BUILD_DIR=
BENCH_DIR=
IR=
JSON=
AS_USER=
TASKSET=
SCRATCH=
SHOW_COMMANDS=0
ONLY_WORKLOADS=
ONLY_RUNNERS=
DO_FLOOR=1
# Every runner, in table order.  'std' in the runners column of WORKLOADS
# stands for STD_RUNNERS.
ALL_RUNNERS="native native-root chroot iamroot-run proot proot-0 fakeroot fakechroot fakechroot-fakeroot fakechroot-fakeroot-minbase"
STD_RUNNERS="native iamroot-run proot fakeroot fakechroot"

# ---- workloads --------------------------------------------------------------
# name              N (full run)  trapped/op  runners  description
#   trapped/op: trapped syscalls per op of the program's own loop, used for
#   the floor ratios; '-' where that is not a fixed number (no floor ratio).
#   runners: 'std', or a comma-separated list; the first is the baseline of
#   the 'x nat' columns.  For the *-root and fake-root workloads N is a
#   number of files.
WORKLOADS='
loop-getppid        200000  0  std  getppid(), not trapped
loop-stat            50000  1  std  stat(PATH), trapped pass-through
loop-openclose       50000  1  std  open(PATH)+close(), one trapped and one not
loop-forkexec          300  -  std  fork + execve of a static program + wait
loop-stat-root       50000  1  native,chroot,iamroot-run,proot,fakechroot  stat(/etc/passwd) inside ROOTFS: the path is translated
loop-forkexec-root     300  -  native,chroot,iamroot-run,proot,fakechroot  fork + execve of ROOTFS/usr/bin/true (dynamic, ROOTFS loader) + wait
find-root            30000  -  native,chroot,iamroot-run,proot,fakechroot  find / -xdev -printf "%u %m %p\n" in ROOTFS holding N files
tar-x-root           30000  -  native,chroot,iamroot-run,proot,fakechroot  tar --no-same-owner --no-same-permissions -xf of an N-file archive, in ROOTFS
chown-R              30000  -  native-root,iamroot-run,fakeroot,proot-0  fake root: chown -R 1:1 over N files
chmod-R              30000  -  native-root,iamroot-run,fakeroot,proot-0  fake root: chmod -R u=rwX,g=rX,o= over N files
tar-xp-owners        30000  -  native-root,iamroot-run,fakeroot,proot-0  fake root: tar -xpf of an N-file archive with 7 owners, 3 groups
debootstrap              1  -  native-root,iamroot-run,fakechroot-fakeroot,fakechroot-fakeroot-minbase  rootfs: debootstrap --variant=minbase SUITE from a local repository (fakechroot variant, or minbase, under fakechroot)
mmdebstrap               1  -  native-root,iamroot-run,fakechroot-fakeroot  rootfs: mmdebstrap --variant=minbase SUITE to a tarball, from a local repository (--mode=root, or fakechroot)
'
# Workloads that run only when --workloads names them: they take a minute a
# repetition, and their first run downloads a suite's minbase.
OPT_IN_WORKLOADS="debootstrap mmdebstrap"
# Each wl_ function runs its command through `run` (the current runner) with
# $N iterations (or files).  The loop-* workloads without -root use host
# paths (with --root other than /, they must exist inside ROOT as well).
wl_loop_getppid()   { run "$BENCH_DIR/loop-getppid" -n "$N"; }
wl_loop_stat()      { run "$BENCH_DIR/loop-stat" -n "$N" -p "$STAT_PATH"; }
wl_loop_openclose() { run "$BENCH_DIR/loop-openclose" -n "$N" -p "$STAT_PATH"; }
wl_loop_forkexec()  { run "$BENCH_DIR/loop-forkexec" -n "$N" -p "$BENCH_DIR/bench-true"; }

# The *-root workloads run inside ROOTFS, a root directory made from the
# host's own dynamically linked programs and their libraries (see
# ensure_base_root): fakechroot needs dynamic programs, and the supervisors
# must run ROOTFS's programs through ROOTFS's loader.  `gpath P` names P,
# a path inside the root, as the current runner sees it: the host path for
# native (and fakeroot), P itself for the runners that change the root.
root_loop_stat_root()     { echo "$WORKDIR/rootfs"; }
setup_loop_stat_root()    { ensure_base_root; }
wl_loop_stat_root()       { run "$(gpath /bench/loop-stat)" -n "$N" -p "$(gpath /etc/passwd)"; }

root_loop_forkexec_root() { echo "$WORKDIR/rootfs"; }
setup_loop_forkexec_root() { ensure_base_root; }
wl_loop_forkexec_root()   { run "$(gpath /bench/loop-forkexec)" -n "$N" -p "$(gpath "$G_TRUE")"; }

root_find_root()  { echo "$WORKDIR/rootfs-find"; }
setup_find_root() {
	ensure_base_root && copy_tree "$WORKDIR/rootfs" "$WORKDIR/rootfs-find" &&
	copy_tree "$(tree_of "$N")" "$WORKDIR/rootfs-find/data"
}
wl_find_root()    { run "$(gpath "$G_FIND")" "$(gpath /)" -xdev -printf '%u %m %p\n'; }
# A runner that showed find an empty or partial root is a failure, not a
# fast time: the output (in $TMPD/out) lists every file.
check_find_root() { [ "$(grep -c '/data/' "$TMPD/out")" -ge "$N" ]; }

# tar-x-root: the same work for every runner.  Under iamroot-run tar is
# (fake) root and would otherwise also restore every owner and mode, which
# the runners that run tar as the user do not: that is what tar-xp-owners
# measures.
root_tar_x_root()  { echo "$WORKDIR/rootfs-tar"; }
setup_tar_x_root() {
	ensure_base_root && copy_tree "$WORKDIR/rootfs" "$WORKDIR/rootfs-tar" &&
	tar -cf "$WORKDIR/rootfs-tar/src.tar" -C "$(tree_of "$N")" . && give "$WORKDIR/rootfs-tar/src.tar"
}
prep_tar_x_root()  { fresh_dir "$WORKDIR/rootfs-tar/x"; }
check_tar_x_root() { [ "$(find "$WORKDIR/rootfs-tar/x" -type f | wc -l)" = "$N" ]; }
wl_tar_x_root()    {
	run "$(gpath "$G_TAR")" --no-same-owner --no-same-permissions \
		-xf "$(gpath /src.tar)" -C "$(gpath /x)"
}

# Fake root: the root is the host's /, every runner works on its own copy
# of the tree (reset before each run: the native-as-root run really chowns
# it), and iamroot-run starts each run with an empty store (see measure).
setup_chown_R()       { tree_of "$N" >/dev/null; }
prep_chown_R()        { copy_tree "$(tree_of "$N")" "$WORKDIR/fr-$RUNNER"; }
wl_chown_R()          { run chown -R 1:1 "$WORKDIR/fr-$RUNNER"; }

setup_chmod_R()       { tree_of "$N" >/dev/null; }
prep_chmod_R()        { copy_tree "$(tree_of "$N")" "$WORKDIR/fr-$RUNNER"; }
wl_chmod_R()          { run chmod -R u=rwX,g=rX,o= "$WORKDIR/fr-$RUNNER"; }

setup_tar_xp_owners() { make_owners_tar "$(tree_of "$N")" "$WORKDIR/owners.tar"; }
prep_tar_xp_owners()  { fresh_dir "$WORKDIR/xp-$RUNNER"; }
check_tar_xp_owners() { [ "$(find "$WORKDIR/xp-$RUNNER" -type f | wc -l)" = "$N" ]; }
wl_tar_xp_owners()    { run tar -xpf "$WORKDIR/owners.tar" -C "$WORKDIR/xp-$RUNNER"; }

# Rootfs builds: SUITE's minbase, every run from the same local repository
# (tools/minbase-repo.sh), made once (untimed) by setup, so that no run
# touches the network.  The fakechroot-fakeroot runner uses what each tool
# offers for fakechroot: debootstrap's fakechroot variant (which installs
# the Priority: important packages and binutils too, a bigger root) and
# mmdebstrap's fakechroot mode; fakechroot-fakeroot-minbase builds the
# same minbase as the others under fakechroot, which debootstrap can too.
setup_debootstrap() { ensure_repo; }
prep_debootstrap()  { fresh_dir "$WORKDIR/ds-$RUNNER"; }
check_debootstrap() { [ -x "$WORKDIR/ds-$RUNNER/usr/bin/dpkg" ] && [ -s "$WORKDIR/ds-$RUNNER/var/lib/dpkg/status" ]; }
wl_debootstrap()    {
	local variant=minbase
	[ "$RUNNER" = fakechroot-fakeroot ] && variant=fakechroot
	run debootstrap --variant="$variant" --no-check-gpg \
		"$SUITE" "$WORKDIR/ds-$RUNNER" "file://$REPO"
}

setup_mmdebstrap() { ensure_repo; }
prep_mmdebstrap()  { fresh_dir "$WORKDIR/mm-$RUNNER"; }
check_mmdebstrap() { tar -tf "$WORKDIR/mm-$RUNNER/root.tar" | grep -x './usr/bin/dpkg' >/dev/null; }
wl_mmdebstrap()    {
	local mode=root
	[ "$RUNNER" = fakechroot-fakeroot ] && mode=fakechroot
	run env SOURCE_DATE_EPOCH=1700000000 mmdebstrap --mode="$mode" --variant=minbase \
		"$SUITE" "$WORKDIR/mm-$RUNNER/root.tar" "deb [trusted=yes] copy://$REPO $SUITE main"
}

# ensure_repo: REPO, the local repository of SUITE's minbase, in
# REPO_CACHE (by default the tests' package cache, so that reruns need no
# network, or WORKDIR when that cannot be made), downloaded from MIRROR (by
# default this machine's) if missing.
ensure_repo() {
	[ -n "$REPO" ] && return 0
	[ -n "$SUITE" ] || SUITE=$(sh "$SRC_ROOT/tools/minbase-repo.sh" suite)
	if [ -z "$REPO_CACHE" ]; then
		REPO_CACHE=${IAMROOT_TEST_CACHE:-/var/cache/iamroot-run-tests}/debs
		mkdir -p "$REPO_CACHE" 2>/dev/null || REPO_CACHE=$WORKDIR/debs
	fi
	REPO=$(sh "$SRC_ROOT/tools/minbase-repo.sh" make "$REPO_CACHE" "$SUITE" ${MIRROR:+"$MIRROR"}) ||
		{ note "no local repository of $SUITE's minbase in $REPO_CACHE"; return 1; }
}

# ---- runners ----------------------------------------------------------------
# set_runner NAME: the command prefix (array PFX) that runs a command under
# NAME, with WROOT (the current workload's root, default ROOT) as the root.
set_runner() {
	local root=${WROOT:-$ROOT} pw=()
	[ "$root" = / ] || pw=(-w /)
	case $1 in
	native|native-root) PFX=() ;;
	chroot)      PFX=(chroot "${CHROOT_USER[@]}" "$root") ;;
	iamroot-run) PFX=("$IR" --stats -l "$IR_STATS" --store "$IR_STORE" -r "$root" --) ;;
	proot)       PFX=(proot "${pw[@]}" -r "$root") ;;
	proot-0)     PFX=(proot -0 "${pw[@]}" -r "$root") ;;
	fakeroot)    PFX=(fakeroot --) ;;
	fakechroot)  PFX=(fakechroot chroot "$root") ;;
	fakechroot-fakeroot|fakechroot-fakeroot-minbase) PFX=(fakechroot fakeroot --) ;;
	*)           die "unknown runner '$1'" ;;
	esac
	# shellcheck disable=SC2034 # for workload functions that need to know
	RUNNER=$1
}

runner_available() {
	case $1 in
	native)      return 0 ;;
	native-root) [ "$(id -u)" = 0 ] ;;
	chroot)      [ "$(id -u)" = 0 ] && command -v chroot >/dev/null ;;
	iamroot-run) [ -n "$IR" ] && [ -x "$IR" ] ;;
	proot-0)     command -v proot >/dev/null ;;
	fakechroot)  command -v fakechroot >/dev/null && command -v chroot >/dev/null ;;
	fakechroot-fakeroot*) command -v fakechroot >/dev/null && command -v fakeroot >/dev/null ;;
	*)           command -v "$1" >/dev/null ;;
	esac
}

# Why a runner is not available.
runner_missing() {
	case $1 in
	native-root|chroot) echo "$1 (needs root)" ;;
	iamroot-run)        echo "iamroot-run (not built: give --iamroot-run PATH)" ;;
	proot-0)            echo "proot-0 (proot not installed)" ;;
	fakechroot-fakeroot*) echo "$1 (fakechroot or fakeroot not installed)" ;;
	*)                  echo "$1 (not installed)" ;;
	esac
}

# A note printed beside a runner's numbers.
runner_note() {
	case $1 in
	proot|proot-0)
		local v
		v=$(proot -V 2>&1)
		if grep -q 'seccomp_filter = no' <<<"$v"; then
			echo "built WITHOUT seccomp acceleration: every syscall stops"
		elif grep -q 'seccomp_filter = yes' <<<"$v"; then
			echo "seccomp acceleration built in"
		fi
		[ "$1" = proot-0 ] && echo "-0: chown/chmod succeed, nothing is recorded"
		;;
	fakechroot)  echo "LD_PRELOAD: not seen by static binaries" ;;
	fakeroot)    echo "LD_PRELOAD + faked daemon" ;;
	fakechroot-fakeroot) echo "fakechroot fakeroot: both LD_PRELOAD" ;;
	fakechroot-fakeroot-minbase) echo "fakechroot fakeroot, debootstrap --variant=minbase: the same packages as the others" ;;
	native-root) echo "natively, as the real root (no --as-user)" ;;
	chroot)      echo "chroot(8) by root${AS_USER:+, the command run as $AS_USER (--userspec)}" ;;
	esac
}

# The same, short, for the table.
runner_tag() {
	case $1 in
	proot|proot-0) proot -V 2>&1 | grep -q 'seccomp_filter = no' && echo "no seccomp accel" ;;
	esac
}

runner_version() {
	case $1 in
	iamroot-run)   "$IR" --version 2>/dev/null | head -n1 ;;
	proot|proot-0) proot -V 2>&1 | grep -Eo '[0-9]+\.[0-9]+\.[0-9]+' | head -n1 ;;
	fakeroot)      fakeroot --version 2>/dev/null | head -n1 ;;
	fakechroot|fakechroot-fakeroot*) fakechroot --version 2>/dev/null | head -n1 ;;
	esac
}

# asu CMD...: CMD natively as the identity the workloads run as (for setup_
# and prep_ functions that create files the workload will own or modify).
asu() { "${ASU_TS[@]}" "${ASU_ID[@]}" "$@"; }

# run CMD...: CMD under the current runner (and --as-user identity, except
# for native-root and chroot, which run as root; chroot then switches to the
# --as-user identity itself).  timeout(1) wraps every runner alike, native
# included, so a hung supervisor costs one run, not the whole benchmark.
# With SHOWING=1 the command is printed on fd 3 instead of run.
run() {
	local id=("${ASU_ID[@]}")
	case $RUNNER in native-root|chroot) id=() ;; esac
	if [ "${SHOWING:-0}" = 1 ]; then
		local a out=
		for a in "${id[@]}" "${PFX[@]}" "$@"; do
			case $a in
			*[!A-Za-z0-9_./:=,+-]*|'') out+="'${a//\'/\'\\\'\'}' " ;;
			*)                         out+="$a " ;;
			esac
		done
		echo "${out% }" >&3
		return 0
	fi
	timeout -k 5 "$TIMEOUT" "${ASU_TS[@]}" "${id[@]}" "${PFX[@]}" "$@"
}

# gpath P: P (a path inside the workload's root) as the current runner
# names it.
gpath() {
	case $RUNNER in
	native|native-root|fakeroot) echo "${WROOT%/}$1" ;;
	*)                           echo "$1" ;;
	esac
}

# ---- trees and roots (set-up, untimed) ---------------------------------------
# give PATH: hand PATH (recursively) to the --as-user identity, when root.
give() {
	if [ -n "$AS_USER" ] && [ "$(id -u)" = 0 ]; then chown -R "$uid:$gid" "$@"; fi
}

# copy_tree SRC DST: DST a fresh copy of SRC (owners kept when root).
copy_tree() {
	rm -rf "$2" && cp -a "$1" "$2" || return 1
	[ "$(id -u)" = 0 ] || return 0
	[ "$(stat -c %u "$1")" = "$(stat -c %u "$2")" ]   # cp -a kept the owners
}

# user_xattrs DIR: whether DIR's file system takes user.* extended attributes
# (where iamroot-run keeps fake owners and modes; else in its store file).
user_xattrs() {
	local f=$1/.xattr-probe r=unknown
	: >"$f" || { echo unknown; return; }
	if command -v setfattr >/dev/null; then
		if setfattr -n user.probe -v 1 "$f" 2>/dev/null; then r=yes; else r=no; fi
	elif command -v python3 >/dev/null; then
		r=$(python3 -c 'import os, sys
try:
    os.setxattr(sys.argv[1], "user.probe", b"1"); print("yes")
except OSError:
    print("no")' "$f" 2>/dev/null) || r=unknown
	fi
	rm -f "$f"
	echo "${r:-unknown}"
}

# fresh_dir DIR: DIR empty, owned by the --as-user identity.
fresh_dir() { rm -rf "$1" && mkdir "$1" && give "$1"; }

# tree_of N: the path of the N-file template tree, made on first use:
# DIR/A/B/fC, 100 files a directory, 30 directories a parent, each file
# holding its own name (a few bytes: one page each on tmpfs).
tree_of() {
	local d=$WORKDIR/tree-$1 i a b c
	if [ ! -d "$d" ]; then
		mkdir "$d.tmp" || return 1
		for (( i = 0; i < $1; i++ )); do
			a=$(( i / 3000 )) b=$(( i / 100 % 30 )) c=$(( i % 100 ))
			[ "$c" = 0 ] && { mkdir -p "$d.tmp/$a/$b" || return 1; }
			echo "$a/$b/f$c" >"$d.tmp/$a/$b/f$c" || return 1
		done
		give "$d.tmp" && mv "$d.tmp" "$d" || return 1
	fi
	echo "$d"
}

# make_owners_tar TREE TAR: an archive of TREE whose 100-file directories
# belong to 7 owners and 3 groups (uids 1000-1006, gids 100-102), made as
# root; without root, inside fakeroot.
make_owners_tar() {
	local stage=$WORKDIR/owners-stage script
	# shellcheck disable=SC2016 # expanded by the inner shell
	script='cd "$1" || exit 1; k=0
		for a in */; do for b in "$a"*/; do
			chown -R $(( 1000 + k % 7 )):$(( 100 + k % 3 )) "$b" || exit 1
			k=$(( k + 1 ))
		done; done
		tar -cf "$2" . || exit 1'
	copy_tree "$1" "$stage" || return 1
	if [ "$(id -u)" = 0 ]; then
		bash -c "$script" owners "$stage" "$2"
	elif command -v fakeroot >/dev/null; then
		fakeroot -- bash -c "$script" owners "$stage" "$2"
	else
		note "tar-xp-owners: neither root nor fakeroot: the archive has one owner"
		tar -cf "$2" -C "$stage" .
	fi || return 1
	chmod 644 "$2" && rm -rf "$stage"
}

# The programs ROOTFS holds, by their host paths (the same paths inside).
G_FIND=$(type -P find)
G_TAR=$(type -P tar)
G_TRUE=$(type -P true)
BASE_PROGS="$G_FIND $G_TAR $G_TRUE $(type -P chown) $(type -P chmod) $(type -P sh)"

# ensure_base_root: WORKDIR/rootfs, once: the programs above and the two
# bench loops (in /bench), each with the libraries and loader ldd lists,
# copied at their host paths (the host's /bin, /lib, /lib64, /sbin symbolic
# links to usr/ reproduced), plus /etc/passwd, /etc/group, /etc/ld.so.cache
# and an nsswitch.conf that says files.
ensure_base_root() {
	local d=$WORKDIR/rootfs f l p
	[ -d "$d" ] && return 0
	mkdir -p "$d.tmp"/{etc,bench,usr/bin,usr/sbin,usr/lib,usr/lib64} || return 1
	for l in bin sbin lib lib64; do
		if [ -L "/$l" ]; then
			ln -s "$(readlink "/$l")" "$d.tmp/$l"
		else
			mkdir -p "$d.tmp/$l"
		fi || return 1
	done
	for p in $BASE_PROGS "$BENCH_DIR/loop-stat" "$BENCH_DIR/loop-forkexec"; do
		for f in $p $(ldd "$p" 2>/dev/null |
		              awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }'); do
			case $f in
			"$BENCH_DIR"/*) cp "$f" "$d.tmp/bench/" || return 1; continue ;;
			esac
			[ -e "$d.tmp$f" ] && continue
			mkdir -p "$(dirname "$d.tmp$f")" && cp -L "$f" "$d.tmp$f" || return 1
		done
	done
	cp /etc/passwd /etc/group "$d.tmp/etc/" || return 1
	[ -f /etc/ld.so.cache ] && cp /etc/ld.so.cache "$d.tmp/etc/"
	printf 'passwd: files\ngroup: files\n' >"$d.tmp/etc/nsswitch.conf"
	give "$d.tmp" && mv "$d.tmp" "$d"
}

# ---- helpers ----------------------------------------------------------------
die()  { echo "bench.sh: $*" >&2; exit 2; }
note() { echo "bench.sh: $*" >&2; }

usage() {
	cat <<EOF
usage: bench.sh [OPTIONS]

Runs the tools/bench workloads natively and under iamroot-run, proot,
fakeroot, fakechroot and chroot (those found, where they apply),
interleaved, and prints medians and ratios.  Build first: meson setup build
&& ninja -C build.  Run as root for the native-as-root and chroot
baselines (with --as-user for everything else).

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
                      for the std workloads (default /; workload paths must
                      exist inside it).  The *-root workloads make their own.
  --path PATH         file that loop-stat and loop-openclose use
                      (default $STAT_PATH)
  --floor-n N         stat calls per ptrace-floor mode (default $FLOOR_N,
                      scaled like the workloads but at least 2000)
  --no-floor          skip the ptrace floor
  --as-user USER      run everything as USER via setpriv (when run as root),
                      except the native-root and chroot baselines
  --taskset CPUS      run everything under taskset -c CPUS
  --tmpdir DIR        where the trees, archives and roots are made (default
                      /dev/shm when it is a tmpfs with 3 GiB free, else
                      \$TMPDIR or /tmp)
  --show-commands     print the exact command of every (workload, runner)
  --suite S           what the debootstrap and mmdebstrap workloads build
                      (default: the suite of this machine's apt configuration)
  --mirror URL        where their packages are downloaded from, once
                      (default: this machine's apt mirror)
  --repo-cache DIR    where the local repository of those packages is kept
                      (default: the tests' cache, /var/cache/iamroot-run-tests/debs,
                      or the work directory where that cannot be made)
  --timeout SEC       kill a single run after SEC seconds (default $TIMEOUT)
  --json FILE         also write all results as JSON
  --list              list workloads and runners, then exit
  -h, --help          this help

Reading the table: 'wall' is the median wall time of the whole command,
start-up included; 'ns/op' the median per-iteration time the program measured
around its own loop.  'x' columns are ratios to the workload's baseline, its
first row (native, or native-root for the fake-root workloads) for wall and
ns/op and, for iamroot-run, to the ptrace floors (a) and (b).  'spread' is
(max-min)/median of the ns/op (of the wall times where a workload reports no
ns/op).  The note beside iamroot-run gives its median number of stops
(--stats) and the wall time it adds over the baseline per stop.  See
tools/bench/README.md.
EOF
}

# Workload names, in table order.
workload_names() { awk 'NF { print $1 }' <<<"$WORKLOADS"; }
workload_field() { awk -v w="$1" -v f="$2" '$1 == w { print $f }' <<<"$WORKLOADS"; }
workload_desc()  { awk -v w="$1" '$1 == w { $1 = $2 = $3 = $4 = ""; sub(/^ +/, ""); print }' <<<"$WORKLOADS"; }
wl_func()        { echo "wl_${1//-/_}"; }
# The runners a workload names (before availability), space-separated.
workload_runners() {
	local r
	r=$(workload_field "$1" 4)
	if [ "$r" = std ]; then echo "$STD_RUNNERS"; else echo "${r//,/ }"; fi
}

# N for a workload after --scale, at least 1.
scaled() { awk -v n="$1" -v s="$SCALE" 'BEGIN { v = int(n * s); print (v < 1 ? 1 : v) }'; }

in_list() { # in_list WORD COMMA,LIST
	[[ ",$2," == *",$1,"* ]]
}

# enter_workload W: N, WROOT for workload W.
enter_workload() {
	N=$(scaled "$(workload_field "$1" 2)")
	WROOT=$ROOT
	if declare -F "root_${1//-/_}" >/dev/null; then WROOT=$("root_${1//-/_}"); fi
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
	--tmpdir)      SCRATCH=${2:?}; shift ;;
	--show-commands) SHOW_COMMANDS=1 ;;
	--timeout)     TIMEOUT=${2:?}; shift ;;
	--suite)       SUITE=${2:?}; shift ;;
	--mirror)      MIRROR=${2:?}; shift ;;
	--repo-cache)  REPO_CACHE=${2:?}; shift ;;
	--json)        JSON=${2:?}; shift ;;
	--list)        LIST=1 ;;
	-h|--help)     usage; exit 0 ;;
	*)             usage >&2; exit 2 ;;
	esac
	shift
done

if [ "${LIST:-0}" = 1 ]; then
	echo "workloads (name, N, trapped/op, runners (first: baseline), description):"
	awk 'NF { printf "  %-18s %7s  %2s  %s\n      ", $1, $2, $3, $4; $1 = $2 = $3 = $4 = ""; sub(/^ +/, ""); print }' <<<"$WORKLOADS"
	echo "runners: $ALL_RUNNERS  (std: $STD_RUNNERS)"
	echo "only when --workloads names them: $OPT_IN_WORKLOADS"
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

# ASU_TS, ASU_ID: the prefixes of every measured command (CPU set, identity).
ASU_TS=()
ASU_ID=()
CHROOT_USER=()
if [ -n "$TASKSET" ]; then
	command -v taskset >/dev/null || die "--taskset: no taskset"
	ASU_TS=(taskset -c "$TASKSET")
fi
if [ -n "$AS_USER" ]; then
	uid=$(id -u "$AS_USER") || die "no user '$AS_USER'"
	gid=$(id -g "$AS_USER")
	if [ "$(id -u)" = 0 ]; then
		ASU_ID=(setpriv --reuid="$uid" --regid="$gid" --clear-groups --inh-caps=-all --)
		CHROOT_USER=(--userspec="$uid:$gid" --groups="$gid")
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
	if { [ -z "$ONLY_WORKLOADS" ] && ! in_list "$w" "${OPT_IN_WORKLOADS// /,}"; } ||
	   in_list "$w" "$ONLY_WORKLOADS"; then
		declare -F "$(wl_func "$w")" >/dev/null || die "workload $w has no $(wl_func "$w")"
		WLS+=("$w")
	fi
done
[ ${#WLS[@]} -gt 0 ] || die "no workload selected (see --list)"

# The runners some selected workload names, selected by --runners.
wanted=" "
for w in "${WLS[@]}"; do wanted+="$(workload_runners "$w") "; done
RUNNERS=()
SKIPPED=()
for r in $ALL_RUNNERS; do
	[[ $wanted == *" $r "* ]] || continue
	if [ -n "$ONLY_RUNNERS" ] && ! in_list "$r" "$ONLY_RUNNERS"; then
		continue
	fi
	if runner_available "$r"; then
		RUNNERS+=("$r")
	else
		SKIPPED+=("$(runner_missing "$r")")
	fi
done

# Scratch space: a tmpfs when there is one with room (the trees of the
# *-root and fake-root workloads take about 1.5 GiB at full scale).
if [ -z "$SCRATCH" ]; then
	SCRATCH=${TMPDIR:-/tmp}
	if [ "$(stat -f -c %T /dev/shm 2>/dev/null)" = tmpfs ] &&
	   [ "$(df -Pk /dev/shm 2>/dev/null | awk 'NR == 2 { print $4 }')" -ge $(( 3 * 1024 * 1024 )) ] 2>/dev/null; then
		SCRATCH=/dev/shm
	fi
fi
[ -d "$SCRATCH" ] || die "--tmpdir $SCRATCH: not a directory"
TMPD=$(mktemp -d "$SCRATCH/iamroot-bench.XXXXXX") || die "mktemp in $SCRATCH"
# KEEP_TMPD=1 in the environment keeps it (raw results in TMPD/results).
trap '[ -n "${KEEP_TMPD:-}" ] || rm -rf "$TMPD"' EXIT
chmod 755 "$TMPD"
RESULTS=$TMPD/results
: >"$RESULTS"
# WORKDIR: scratch space for workloads, writable by the identity they run as.
WORKDIR=$TMPD/work
mkdir "$WORKDIR" || die "mkdir $WORKDIR"
[ -n "$AS_USER" ] && [ "$(id -u)" = 0 ] && chown "$uid:$gid" "$WORKDIR"
# iamroot-run's metadata store and its --stats log; removed before every
# timed run.
IR_STORE=$WORKDIR/iamroot-run.store
IR_STATS=$WORKDIR/iamroot-run.stats

# Warm-up: page cache, and a check that every runner works at all.
warm=()
WROOT=$ROOT
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

# WRUN[w]: the runners workload w is measured under, in its own order.
declare -A WRUN
for w in "${WLS[@]}"; do
	WRUN[$w]=
	for r in $(workload_runners "$w"); do
		[[ " ${RUNNERS[*]} " == *" $r "* ]] && WRUN[$w]+="$r "
	done
done

# ---- header -----------------------------------------------------------------
cpu_model=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null)
echo "iamroot-run benchmark  $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: $(uname -sr), $(uname -m), $(nproc) CPUs${cpu_model:+, $cpu_model}"
echo "reps: $REPS (interleaved)  scale: $SCALE  root: $ROOT  path: $STAT_PATH${AS_USER:+  user: $AS_USER}${TASKSET:+  cpus: $TASKSET}"
echo "scratch: $TMPD ($(stat -f -c %T "$SCRATCH") file system, $(df -Ph "$SCRATCH" | awk 'NR == 2 { print $4 }') free, user xattrs: $(user_xattrs "$WORKDIR"))"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)  (other work on the machine widens the spreads)"
for r in "${RUNNERS[@]}"; do
	[ "$r" = native ] && continue
	v=$(runner_version "$r")
	n=$(runner_note "$r" | paste -sd ';' - | sed 's/;/; /g')
	case $r in
	iamroot-run) loc=$IR ;;
	native-root) loc= ;;
	proot-0)     loc=$(command -v proot) ;;
	fakechroot-fakeroot*) loc="$(command -v fakechroot) $(command -v fakeroot)" ;;
	*)           loc=$(command -v "$r") ;;
	esac
	printf 'runner: %-27s %s%s%s\n' "$r" "$loc" "${v:+  [$v]}" "${n:+  ($n)}"
	tag=$(runner_tag "$r")
	[ -n "$tag" ] && printf 'N %s %s\n' "$r" "$tag" >>"$RESULTS"
done
for s in "${SKIPPED[@]}"; do
	echo "skipped: $s"
done

# ---- measuring --------------------------------------------------------------
# measure WORKLOAD RUNNER REP: one timed run, appended to $RESULTS as
#   R workload runner rep rc wall_us ns_per_op stops
# (stops: iamroot-run's --stats count, - for the other runners).
measure() {
	local w=$1 f rc t0 t1 nsop stops
	f=$(wl_func "$w")
	enter_workload "$w"
	set_runner "$2"
	if declare -F "prep_${w//-/_}" >/dev/null; then
		"prep_${w//-/_}" || die "prep of $w failed"
	fi
	# Every iamroot-run run starts with an empty store.
	[ "$2" = iamroot-run ] && rm -f "$IR_STORE" "$IR_STORE".* "$IR_STATS"
	t0=$EPOCHREALTIME
	"$f" >"$TMPD/out" 2>"$TMPD/err"
	rc=$?
	t1=$EPOCHREALTIME
	if [ "$rc" = 0 ] && declare -F "check_${w//-/_}" >/dev/null &&
	   ! "check_${w//-/_}"; then
		rc=99
		echo "check_${w//-/_}: the workload did not do all its work" >"$TMPD/err"
	fi
	nsop=$(sed -n 's|.*ns/op=\([0-9.]*\).*|\1|p' "$TMPD/out" | tail -n1)
	stops=
	[ "$2" = iamroot-run ] &&
		stops=$(sed -n 's/^iamroot-run: stats: stops \([0-9]*\) in .*/\1/p' "$IR_STATS" 2>/dev/null | tail -n1)
	echo "R $w $2 $3 $rc $(( ${t1//[!0-9]/} - ${t0//[!0-9]/} )) ${nsop:--} ${stops:--}" >>"$RESULTS"
	if [ "$rc" != 0 ]; then
		note "$w under $2 (rep $3) exited $rc: $(head -c 300 "$TMPD/err" | tr '\n' ' ')"
	fi
}

# floor REP: ptrace-floor unpinned and with tracer and tracee on one CPU.
floor() {
	local variant args line mode ns
	for variant in any same-cpu; do
		args=(-n "$FLOOR_N" -p "$STAT_PATH")
		[ "$variant" = same-cpu ] && args+=(-c "${TASKSET_FIRST:-0}")
		if ! asu "$BENCH_DIR/ptrace-floor" "${args[@]}" >"$TMPD/out" 2>"$TMPD/err"; then
			note "ptrace-floor ($variant) failed: $(head -c 300 "$TMPD/err" | tr '\n' ' ')"
		fi
		while read -r line; do
			mode=$(sed -n 's/.* mode=\([^ ]*\).*/\1/p' <<<"$line")
			ns=$(sed -n 's|.* ns/op=\([0-9.]*\).*|\1|p' <<<"$line")
			[ -n "$mode" ] && [ -n "$ns" ] && echo "F $variant $mode $1 $ns" >>"$RESULTS"
		done <"$TMPD/out"
	done
}
# With --taskset, the same-CPU floor uses the first CPU of the set.
TASKSET_FIRST=
[ -n "$TASKSET" ] && TASKSET_FIRST=${TASKSET%%[!0-9]*}


# Once-per-run setup of workloads that have one (untimed).
t_setup=$EPOCHREALTIME
for w in "${WLS[@]}"; do
	[ -n "${WRUN[$w]}" ] || continue
	if declare -F "setup_${w//-/_}" >/dev/null; then
		enter_workload "$w"
		RUNNER=
		"setup_${w//-/_}" || die "setup of $w failed"
	fi
done
t_setup=$(( (${EPOCHREALTIME//[!0-9]/} - ${t_setup//[!0-9]/}) / 1000 ))
[ -d "$WORKDIR/rootfs" ] &&
	echo "ROOTFS: host-copied $(for p in $BASE_PROGS; do printf '%s ' "${p##*/}"; done)+ /bench/loop-stat, loop-forkexec, with their libraries (ldd) and loader"
echo "set-up (trees, archives, roots; untimed): $t_setup ms"
echo

if [ "$SHOW_COMMANDS" = 1 ]; then
	echo "commands (timed; for iamroot-run the store is emptied before each run):"
	for w in "${WLS[@]}"; do
		enter_workload "$w"
		for r in ${WRUN[$w]}; do
			set_runner "$r"
			printf '  %-18s %-27s %s\n' "$w" "$r" "$(SHOWING=1 "$(wl_func "$w")" 3>&1 >/dev/null 2>&1)"
		done
	done
	echo
fi

progress() { [ -t 2 ] && printf '\r%-70s' "$1" >&2; return 0; }
total=$DO_FLOOR
for w in "${WLS[@]}"; do
	read -r -a wr <<<"${WRUN[$w]}"
	total=$(( total + ${#wr[@]} ))
done
total=$(( total * REPS ))
done_runs=0
for (( rep = 1; rep <= REPS; rep++ )); do
	if [ "$DO_FLOOR" = 1 ]; then
		progress "[$done_runs/$total] rep $rep: ptrace-floor"
		floor "$rep"
		done_runs=$(( done_runs + 1 ))
	fi
	for w in "${WLS[@]}"; do
		# Rotate the runner order every repetition so no runner always goes first.
		read -r -a wr <<<"${WRUN[$w]}"
		nr=${#wr[@]}
		for (( i = 0; i < nr; i++ )); do
			r=${wr[$(( (i + rep - 1) % nr ))]}
			progress "[$done_runs/$total] rep $rep: $w under $r"
			measure "$w" "$r" "$rep"
			done_runs=$(( done_runs + 1 ))
		done
	done
done
if [ -t 2 ]; then printf '\r%70s\r' '' >&2; fi


# ---- report -----------------------------------------------------------------
for w in "${WLS[@]}"; do
	wl_r=${WRUN[$w]% }
	wl_r=${wl_r// /,}
	wl_base=$(workload_runners "$w")
	echo "W $w $(scaled "$(workload_field "$w" 2)") $(workload_field "$w" 3) ${wl_base%% *} ${wl_r:--} $(workload_desc "$w")" >>"$RESULTS"
done

awk -v wls="${WLS[*]}" -v floor_n="$FLOOR_N" \
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
# Target lines: "met" / "NOT met" / nothing when a number is missing.
function verdict(v, lim, strict) { return (strict ? v < lim : v <= lim) ? "met" : "NOT met" }
$1 == "R" {
	k = $2 SUBSEP $3
	runs[k]++
	if ($5 == 0) {
		ok[k]++
		wall[k] = wall[k] " " $6 / 1000.0          # ms
		if ($7 != "-") nsop[k] = nsop[k] " " $7
		if ($8 != "" && $8 != "-") nstops[k] = nstops[k] " " $8
	}
}
$1 == "F" { fl[$2 SUBSEP $3] = fl[$2 SUBSEP $3] " " $5 }
$1 == "N" { r = $2; $1 = $2 = ""; sub(/^ +/, ""); rnote[r] = $0 }
$1 == "W" {
	wn[$2] = $3; wtraps[$2] = $4; base[$2] = $5; wrun[$2] = $6
	d = $0; sub(/^W [^ ]+ [^ ]+ [^ ]+ [^ ]+ [^ ]+ /, "", d); wdesc[$2] = d
}
END {
	nw = split(wls, W, " ")

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

	fmtrow = "%-18s %-27s %8s %10s %7s %10s %7s %8s %8s %7s  %s\n"
	hdr = sprintf("%-18s %-27s %8s %10s %7s %10s %7s %8s %8s %7s  %s", \
		"workload", "runner", "N", "wall ms", "x nat", "ns/op", "x nat", "x flr a", "x flr b", "spread", "note")
	print hdr
	gsub(/./, "-", hdr); print hdr
	for (i = 1; i <= nw; i++) {
		w = W[i]
		nr = split(wrun[w], RR, ",")
		nat_wall = median(wall[w, base[w]]); nat_op = median(nsop[w, base[w]])
		first = 1
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
			res_stops[k] = median(nstops[k])
			if (res_stops[k] > 0)	# what a stop costs, all in: wall time over the baseline
				nt = sprintf("%d stops, %.1f us a stop over %s%s", res_stops[k], \
					(mw - nat_wall) * 1000 / res_stops[k], base[w], nt != "" ? "; " nt : "")
			if (ok[k] + 0 < runs[k]) nt = sprintf("FAILED %d/%d runs%s", runs[k] - ok[k], runs[k], nt != "" ? "; " nt : "")
			if (!ok[k]) {
				printf fmtrow, (first ? w : ""), r, wn[w], "-", "-", "-", "-", "-", "-", "-", nt
				first = 0
				continue
			}
			printf fmtrow, \
				(first ? w : ""), r, wn[w], fmt(mw, 1), fmt(ratio(mw, nat_wall), 2), \
				fmt(mo, 0), fmt(ratio(mo, nat_op), 2), fmt(fa, 2), fmt(fb, 2), \
				(sp == "" ? "-" : sprintf("%.0f%%", sp)), nt
			first = 0
			res_wall[k] = mw; res_op[k] = mo; res_fa[k] = fa; res_fb[k] = fb; res_sp[k] = sp
		}
	}

	# Targets, for reading; never a verdict on the exit status.
	tl = ""
	t = ratio(res_op["loop-getppid", "iamroot-run"], median(nsop["loop-getppid", "native"]))
	if (t != "")
		tl = tl sprintf("  untrapped syscall   loop-getppid    iamroot-run %6.2fx native ns/op     (target <= 1.5x)  %s\n", t, verdict(t, 1.5))
	t = res_fb["loop-stat", "iamroot-run"]
	if (t != "")
		tl = tl sprintf("  trapped syscall     loop-stat       iamroot-run %6.2fx floor (b)         (target <= 1.3x)  %s\n", t, verdict(t, 1.3))
	t = res_fb["loop-stat-root", "iamroot-run"]
	if (t != "")
		tl = tl sprintf("  translated path     loop-stat-root  iamroot-run %6.2fx floor (b)         (target <= 1.3x)  %s\n", t, verdict(t, 1.3))
	t = ratio(res_wall["find-root", "iamroot-run"], res_wall["find-root", "native"])
	if (t != "")
		tl = tl sprintf("  find + stat in root find-root       iamroot-run %6.2fx native wall      (target <= 4x)    %s\n", t, verdict(t, 4))
	for (i = 1; i <= 2; i++) {
		w = i == 1 ? "tar-xp-owners" : "chown-R"
		t = ratio(res_wall[w, "iamroot-run"], res_wall[w, "native-root"])
		if (t != "")
			tl = tl sprintf("  fake root           %-15s iamroot-run %6.2fx native-root wall (target < 3x)     %s\n", w, t, verdict(t, 3, 1))
	}
	a = res_wall["tar-xp-owners", "iamroot-run"]; b = res_wall["chown-R", "iamroot-run"]
	c = res_wall["tar-xp-owners", "native-root"]; d = res_wall["chown-R", "native-root"]
	if (a != "" && b != "" && c != "" && d != "") {
		t = (a + b) / (c + d)
		tl = tl sprintf("  fake root           tar-xp + chown  iamroot-run %6.2fx native-root wall (target < 3x)     %s\n", t, verdict(t, 3, 1))
	}
	for (i = 1; i <= 2; i++) {
		w = i == 1 ? "debootstrap" : "mmdebstrap"
		t = ratio(res_wall[w, "iamroot-run"], res_wall[w, "native-root"])
		if (t != "")
			tl = tl sprintf("  rootfs build        %-15s iamroot-run %6.2fx native-root wall (target <= 1.5x)  %s\n", w, t, verdict(t, 1.5))
	}
	# Ahead of every peer: iamroot-run wall / peer wall, below 1 is ahead.
	for (i = 1; i <= 5; i++) {
		w = i == 1 ? "tar-xp-owners" : (i == 2 ? "chown-R" : (i == 3 ? "chmod-R" : (i == 4 ? "debootstrap" : "mmdebstrap")))
		if (res_wall[w, "iamroot-run"] == "") continue
		nr = split(wrun[w], RR, ",")
		s = ""; behind = 0
		for (j = 1; j <= nr; j++) {
			r = RR[j]
			if (r == "iamroot-run" || r == base[w] || res_wall[w, r] == "") continue
			t = ratio(res_wall[w, "iamroot-run"], res_wall[w, r])
			s = s sprintf("  %s %.2fx", r, t)
			if (t >= 1) behind = 1
		}
		if (s != "")
			tl = tl sprintf("  ahead of peers      %-15s iamroot-run wall / peer wall:%s  (target < 1 each)  %s\n", w, s, behind ? "NOT met" : "met")
	}
	if (tl != "") {
		print ""
		print "targets (goals, not pass/fail):"
		printf "%s", tl
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
			nr = split(wrun[w], RR, ",")
			for (j = 1; j <= nr; j++) {
				r = RR[j]; k = w SUBSEP r
				if (!runs[k]) continue
				printf "%s    {\"workload\": %s, \"runner\": %s, \"baseline\": %s, \"n\": %d, \"runs\": %d, \"ok\": %d, " \
					"\"wall_ms\": %s, \"wall_x_native\": %s, \"ns_per_op\": %s, \"op_x_native\": %s, " \
					"\"x_floor_a\": %s, \"x_floor_b\": %s, \"spread_pct\": %s, \"stops\": %s, \"note\": %s}", \
					sep, jstr(w), jstr(r), jstr(base[w]), wn[w], runs[k], ok[k], jnum(res_wall[k]), \
					jnum(ratio(res_wall[k], median(wall[w, base[w]]))), jnum(res_op[k]), \
					jnum(ratio(res_op[k], median(nsop[w, base[w]]))), jnum(res_fa[k]), \
					jnum(res_fb[k]), jnum(res_sp[k]), jnum(res_stops[k]), jstr(rnote[r]) > json
				sep = ",\n"
			}
		}
		printf "\n  ]\n}\n" > json
		close(json)
	}
}' "$RESULTS"

echo
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
[ -n "$JSON" ] && echo "JSON written to $JSON"
exit 0
