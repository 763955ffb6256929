# Sourced by the iamroot-treecmp tests, after tests/lib.sh's setup.
# Environment (set by meson): TREECMP, the tool; XATTR_SET, the helper that
# writes raw xattr values (xattr-set.c), for the store's user.iamroot.*
# format and for xattrs setfattr would set.
. "$SRCDIR/tests/lib.sh"

[ -n "${TREECMP:-}" ] && [ -x "$TREECMP" ] || fail "TREECMP is not set to the tool"
[ -n "${XATTR_SET:-}" ] && [ -x "$XATTR_SET" ] || fail "XATTR_SET is not set to the helper"
# Copies the test user can run (the build tree may be closed to it).
cp "$TREECMP" "$T/bin/iamroot-treecmp" || fail "copying $TREECMP"
cp "$XATTR_SET" "$T/bin/xattr-set" || fail "copying $XATTR_SET"
TC="$T/bin/iamroot-treecmp"
XS="$T/bin/xattr-set"
umask 022

need_root() {
	[ "$(id -u)" = 0 ] || skip "needs root to $*"
}

# run_tc ARGS...: the tool's stdout in OUT, its stderr in ERR, status in ST.
run_tc() {
	OUT=$("$TC" "$@" 2>"$T/stderr")
	ST=$?
	ERR=$(cat "$T/stderr")
}

# expect_same ARGS...: no difference, fidelity 100%, exit 0.
expect_same() {
	run_tc "$@"
	[ "$ST" = 0 ] || fail "treecmp $*: exit $ST, expected 0; output:
$OUT
$ERR"
	case "$OUT" in
	"summary: "*" 0 differences: fidelity 100.00%") ;;
	*) fail "treecmp $*: expected only a 100% summary, got:
$OUT" ;;
	esac
}

# expect_diffs EXPECTED ARGS...: exit 1, and the difference lines (all
# but the summary) are exactly EXPECTED (newline-separated).
expect_diffs() {
	local want=$1 got
	shift
	run_tc "$@"
	[ "$ST" = 1 ] || fail "treecmp $*: exit $ST, expected 1; output:
$OUT
$ERR"
	got=$(printf '%s\n' "$OUT" | grep -v '^summary: ')
	[ "$got" = "$want" ] || fail "treecmp $*: differences
$got
expected
$want"
	printf '%s\n' "$OUT" | tail -n 1 | grep -q '^summary: .*: fidelity [0-9]*\.[0-9][0-9]%$' ||
		fail "treecmp $*: no summary line last: $OUT"
}

# summary_has TEXT: the last run's summary contains TEXT.
summary_has() {
	printf '%s\n' "$OUT" | tail -n 1 | grep -qF -- "$1" ||
		fail "summary without '$1': $(printf '%s\n' "$OUT" | tail -n 1)"
}

# mk_sample DIR: a small root filesystem with one of everything, as real root
# makes it: owners, a setuid binary, a sticky directory, device nodes, a
# fifo, symlinks, a hard link, user and security xattrs.
mk_sample() {
	local d=$1
	mkdir -p "$d/etc" "$d/bin" "$d/dev" "$d/tmp" "$d/usr/lib" "$d/usr/bin" "$d/home/user" ||
		fail "mkdir in $d"
	printf 'root:x:0:0::/root:/bin/sh\n' >"$d/etc/passwd"
	printf 'root:*:19000::::::\n' >"$d/etc/shadow"
	chown 0:42 "$d/etc/shadow" && chmod 640 "$d/etc/shadow" || fail "shadow"
	printf '#!/bin/sh\necho su\n' >"$d/bin/su"
	chmod 4755 "$d/bin/su" && ln "$d/bin/su" "$d/bin/su-again" || fail "su"
	ln -s su "$d/bin/sux" && ln -s ../usr/lib "$d/lib" || fail "symlinks"
	mknod "$d/dev/null" c 1 3 && chmod 666 "$d/dev/null" || fail "mknod null"
	mknod "$d/dev/sda" b 8 0 && chown 0:6 "$d/dev/sda" && chmod 660 "$d/dev/sda" || fail "mknod sda"
	mkfifo "$d/tmp/fifo" && chmod 1777 "$d/tmp" || fail "tmp"
	printf 'libc\n' >"$d/usr/lib/libc.so.6"
	printf 'ping\n' >"$d/usr/bin/ping"
	chmod 2755 "$d/usr/bin/ping"
	"$XS" "$d/usr/bin/ping" security.capability hex:0100000200200000000000000000000000000000 ||
		fail "security.capability"
	"$XS" "$d/etc/passwd" user.note str:hello || fail "user.note"
	printf 'hi\n' >"$d/home/user/notes"
	chown -R 1000:1000 "$d/home/user" || fail "chown home"
	chown -h 7:8 "$d/bin/sux" || fail "chown -h"
}
