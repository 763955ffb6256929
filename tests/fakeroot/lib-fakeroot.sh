# Sourced after tests/lib.sh by the tests in tests/fakeroot (not a test).
#
# The oracle of these tests is real root: each test runs the same shell
# script twice, natively as root in a scratch directory, and under
# iamroot-run as the unprivileged test identity in another, and compares
# what the two print, exactly.  When the suite does not run as root, the
# output is compared with the expected text written in the test, which is
# what the oracle printed on Linux 6.18 / Debian 12 (coreutils 9.1, GNU tar
# 1.34, findutils 4.9, libcap2-bin 2.66).  When the oracle and the written
# text disagree, the oracle rules and a NOTE says so.
#
# Environment (set by meson): FAKEROOT_PROGS, the build directory of the
# static helpers of tests/fakeroot (idseq, xattrs, chownloop).

[ -n "${FAKEROOT_PROGS:-}" ] && [ -d "$FAKEROOT_PROGS" ] ||
	fail "FAKEROOT_PROGS (the build directory of tests/fakeroot) is not set"

# FAKEROOT_KEEP=1 keeps the staging directory (outputs, scenes, store).
if [ -n "${FAKEROOT_KEEP:-}" ]; then
	trap 'echo "kept $T" >&2' EXIT
fi

# The helpers, where the test identity can run them.
F="$T/fr"
mkdir "$F" || fail "mkdir $F"
for h in idseq xattrs chownloop; do
	cp "$FAKEROOT_PROGS/$h" "$F/$h" || fail "copying the helper $h"
done
chmod 755 "$F" "$F"/*
export F

# A fixed environment for both sides.
export LC_ALL=C TZ=UTC PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
umask 022

is_root() { [ "$(id -u)" = 0 ]; }

mkdir "$T/oracle" || fail "mkdir $T/oracle"
N_OUT=0

# scene NAME: fresh directories for NAME: $OD for real root, $TD (under $W,
# the test identity's) for iamroot-run.
scene() {
	OD="$T/oracle/$1"
	TD="$W/$1"
	mkdir "$OD" || fail "mkdir $OD"
	as_user mkdir "$TD" || fail "mkdir $TD"
}

# on_root SCRIPT [ARG...]: sh -c SCRIPT as real root in $OD, with root's
# usual groups (0 only); prints its output (standard error merged) and then
# "exit=STATUS".
on_root() {
	or_s=$1
	shift
	(cd "$OD" && setpriv --groups=0 -- sh -c "$or_s" sh "$@") 2>&1
	echo "exit=$?"
}

# on_traced [IAMROOT-RUN OPTION...] -- SCRIPT [ARG...]: the same under
# iamroot-run, as the test identity, in $TD.
on_traced() {
	ot_opts=
	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		ot_opts="$ot_opts $1"
		shift
	done
	shift
	ot_s=$1
	shift
	# shellcheck disable=SC2086 # the options are words
	(cd "$TD" && traced $ot_opts -- sh -c "$ot_s" sh "$@") 2>&1
	echo "exit=$?"
}

# compare WHAT ORACLE TRACED: the expected text is standard input.  As root,
# TRACED must equal ORACLE (and a difference between ORACLE and the
# expected text is a NOTE); otherwise TRACED must equal the expected text.
# ORACLE may be "-" when the test has no oracle run.
compare() {
	N_OUT=$((N_OUT + 1))
	cat >"$T/expected.$N_OUT"
	cmp_ref="$T/expected.$N_OUT"
	if [ "$2" != - ] && is_root; then
		if ! diff -u "$T/expected.$N_OUT" "$2" >"$T/note.$N_OUT"; then
			echo "NOTE: $1: real root differs from the expected text written in the test;" \
				"real root rules (- written, + real root):" >&2
			tail -n +3 "$T/note.$N_OUT" >&2
		fi
		cmp_ref=$2
	fi
	if ! diff -u "$cmp_ref" "$3" >"$T/diff.$N_OUT"; then
		{
			echo "FAIL: $1"
			if [ "$cmp_ref" = "$2" ]; then
				echo "(- real root, + iamroot-run)"
			else
				echo "(- expected, + iamroot-run)"
			fi
			tail -n +3 "$T/diff.$N_OUT"
		} >&2
		exit 1
	fi
}

# root_vs_traced WHAT SCRIPT: SCRIPT run once as real root (when the suite
# runs as root) and once under iamroot-run, each in a new scene (s<N>);
# both outputs compared as compare does (the expected text on standard
# input).
root_vs_traced() {
	N_OUT=$((N_OUT + 1))
	rvt_n=$N_OUT
	scene "s$rvt_n"
	rvt_o=-
	if is_root; then
		on_root "$2" >"$T/oracle.$rvt_n"
		rvt_o="$T/oracle.$rvt_n"
	fi
	on_traced -- "$2" >"$T/traced.$rvt_n"
	compare "$1" "$rvt_o" "$T/traced.$rvt_n"
}

# real_modes_safe PATH...: the real modes (seen from outside iamroot-run) are
# neither setuid nor setgid nor writable by group or others, and give the
# owner rw (rwx for a directory).
real_modes_safe() {
	for rms in "$@"; do
		[ -L "$rms" ] && continue	# a symlink's mode is always 0777
		rms_m=$(stat -c %a "$rms") || fail "stat $rms"
		rms_m=$(printf '%04o' "0$rms_m")
		rms_v=$(printf '%d' "0$rms_m")
		if [ $((rms_v & 06022)) != 0 ]; then
			fail "real mode of $rms is $rms_m: setuid, setgid, or writable by group or others"
		fi
		if [ -d "$rms" ]; then
			[ $((rms_v & 0700)) = $((0700)) ] || fail "real mode of directory $rms is $rms_m: not rwx for its owner"
		else
			[ $((rms_v & 0600)) = $((0600)) ] || fail "real mode of $rms is $rms_m: not rw for its owner"
		fi
	done
}
