# Sourced after tests/lib.sh and tests/integration/lib-root.sh by the tests
# in tests/vroot (not a test).
#
# The oracle of these tests is the kernel: the same static program run under
# a real chroot(2) into an identical root, as root, when the suite runs as
# root (its transcript and exit status must be the same, line for line);
# otherwise the transcript recorded in tests/vroot/NAME.expected, which is
# what that oracle printed on Linux 6.18 (a difference between the oracle and
# the recorded file is reported as a NOTE, not a failure: the kernel rules).
#
# Environment (set by meson): VROOT_PROGS, the build directory of the static
# programs of tests/vroot.

[ -n "${VROOT_PROGS:-}" ] && [ -d "$VROOT_PROGS" ] ||
	fail "VROOT_PROGS (the build directory of tests/vroot) is not set"
EXPECTED_DIR="$SRCDIR/tests/vroot"

is_root() { [ "$(id -u)" = 0 ]; }

# vroot_make DIR: make_root DIR, plus an empty /proc (where iamroot-run binds
# the host's /proc by default, and where the oracle mounts one) and
# /etc/vroot-marker containing "guest-root-marker".
vroot_make() {
	make_root "$1"
	as_user sh -c 'mkdir -p "$1/proc" && echo guest-root-marker >"$1/etc/vroot-marker"' \
		sh "$1" || fail "populating $1"
}

# vroot_install PROG DIR [GUESTPATH]: copy the static program PROG into the
# guest root DIR, at /PROG or GUESTPATH, owned by the test identity.
vroot_install() {
	vi_dst="$2${3:-/$1}"
	cp "$VROOT_PROGS/$1" "$vi_dst" && chmod 755 "$vi_dst" || fail "installing $1 in $2"
	if is_root; then
		chown "$TEST_UID:$TEST_GID" "$vi_dst" || fail "chown $vi_dst"
	fi
}

# run_to FILE CMD...: run CMD from $W; its standard output goes to FILE,
# followed by a line "exit=STATUS"; its standard error to FILE.err.
run_to() {
	rt_out=$1
	shift
	(cd "$W" && "$@") >"$rt_out" 2>"$rt_out.err"
	echo "exit=$?" >>"$rt_out"
}

# oracle_chroot DIR CMD...: CMD under a real chroot(2) into DIR, as root.
oracle_chroot() {
	oc_dir=$1
	shift
	chroot "$oc_dir" "$@"
}

# oracle_chroot_proc DIR CMD...: the same with a proc file system mounted on
# DIR/proc, in a private mount namespace that goes away with CMD.
oracle_chroot_proc() {
	unshare -m --propagation private sh -c \
		'mount -t proc proc "$1/proc" || exit 125; exec chroot "$@"' sh "$@"
}

# oracle_chroot_ns DIR CMD...: chroot in a private mount namespace (for a
# CMD that mounts things itself).
oracle_chroot_ns() {
	unshare -m --propagation private chroot "$@"
}

# check_transcript NAME ACTUAL ORACLE WHAT: compare ACTUAL with ORACLE (a
# file, when the suite runs as root and the oracle ran) or with
# tests/vroot/NAME.expected.  @VAR@ in the expected file stands for the
# value of the shell variable VAR (host paths of this run).
#
# VROOT_SAVE_ORACLE=DIR (for whoever updates the .expected files, as root):
# the oracle's transcript is also written to DIR/NAME.expected.
check_transcript() {
	ct_exp="$T/$1.expected"
	if [ -n "$3" ] && [ -n "${VROOT_SAVE_ORACLE:-}" ]; then
		sed -e "s|$W|@W@|g" "$3" >"$VROOT_SAVE_ORACLE/$1.expected"
	fi
	sed -e "s|@W@|$W|g" "$EXPECTED_DIR/$1.expected" >"$ct_exp" ||
		fail "reading $EXPECTED_DIR/$1.expected"
	if [ -n "$3" ]; then
		if ! diff -u "$ct_exp" "$3" >"$T/note"; then
			echo "NOTE: the chroot oracle differs from $1.expected (the oracle is used):" >&2
			cat "$T/note" >&2
		fi
		check_same "$3" "$2" "$4"
	else
		check_same "$ct_exp" "$2" "$4"
	fi
}

# ---- the escape suite ----
#
# escape_setup: the guest root R=$W/root (vroot_make), the canary
# CANARY=$W/canary outside it ("#!/bin/cat\nSECRET-<random>\n", mode 0755,
# owned by the test identity, so that only the virtual root stands between
# the traced program and it), the decoy at the canary's host path inside the
# root (R$W/canary, "#!/bin/cat\nDECOY\n"), /etc/guest-script and the
# escape program at /escape.  Records the canary's state and the listing of
# $W for escape_verdict.
escape_setup() {
	R="$W/root"
	CANARY="$W/canary"
	vroot_make "$R"
	SECRET="SECRET-$(od -An -N8 -tx8 /dev/urandom | tr -d ' \n')"
	as_user sh -c '
		set -e
		printf "#!/bin/cat\n%s\n" "$3" >"$1/canary"
		chmod 755 "$1/canary"
		mkdir -p "$2$1"
		printf "#!/bin/cat\nDECOY\n" >"$2$1/canary"
		chmod 755 "$2$1/canary"
		printf "#!/bin/cat\nGUEST-SCRIPT\n" >"$2/etc/guest-script"
		chmod 755 "$2/etc/guest-script"' sh "$W" "$R" "$SECRET" || fail "making the canary"
	vroot_install escape "$R"
	canary_state >"$T/canary.before"
	ls -A "$W" >"$T/outside.before"
}

# The canary as far as a write, a chmod, a chown, a link, a rename or an
# xattr would show (not the access time: reading is detected by content).
canary_state() {
	stat -c 'size=%s mode=%a owner=%u:%g inode=%i links=%h mtime=%y ctime=%z' "$CANARY" 2>&1
	cat "$CANARY" 2>&1
	getfattr -d "$CANARY" 2>/dev/null
}

# escape_verdict OUT [CONTROL-LINE...]: the transcript OUT (from run_to)
# holds no byte of the secret (nor does its stderr), the canary is as it
# was, nothing appeared or vanished next to the root, the program ran to
# its end (a last line "done", exit 0), and each CONTROL-LINE is in OUT as a
# whole line (proof that the attempts ran inside a working root).
escape_verdict() {
	ev_out=$1
	shift
	if grep -qF -- "$SECRET" "$ev_out" "$ev_out.err"; then
		{
			echo "transcript (the secret is $SECRET):"
			cat "$ev_out"
		} >&2
		fail "ESCAPE: the canary outside the root was read by: $(grep -hF -- "$SECRET" "$ev_out" "$ev_out.err" | sed 's/: ok read .*//' | tr '\n' ';')"
	fi
	canary_state >"$T/canary.after"
	if ! cmp -s "$T/canary.before" "$T/canary.after"; then
		{
			echo "transcript:"
			cat "$ev_out"
			echo "canary before / after:"
			diff "$T/canary.before" "$T/canary.after"
		} >&2
		fail "ESCAPE: the canary outside the root was modified"
	fi
	ls -A "$W" >"$T/outside.after"
	if ! cmp -s "$T/outside.before" "$T/outside.after"; then
		{
			echo "transcript:"
			cat "$ev_out"
		} >&2
		fail "ESCAPE: names appeared or vanished next to the root, in $W: $(diff "$T/outside.before" "$T/outside.after" | grep '^[<>]' | tr '\n' ' ')"
	fi
	if ! grep -qx 'done' "$ev_out" || ! grep -qx 'exit=0' "$ev_out"; then
		{
			echo "transcript:"
			cat "$ev_out"
			echo "stderr:"
			head -n 40 "$ev_out.err"
		} >&2
		fail "the escape program did not run to its end (no escape seen, but nothing proven)"
	fi
	for ev_c in "$@"; do
		if ! grep -qxF -- "$ev_c" "$ev_out"; then
			{
				echo "transcript:"
				cat "$ev_out"
				printf 'missing control line: %s\n' "$ev_c"
			} >&2
			fail "control (not an escape; the root does not work as it should): a control line is missing (above)"
		fi
	done
}
