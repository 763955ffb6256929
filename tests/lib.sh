# Sourced by the integration tests.  Provides the unprivileged runner and the
# checks; every test compares an outcome against an oracle (a native run or an
# exact value) and exits 0 (pass), 77 (skip, with the reason) or 1 (fail).
#
# Environment (set by meson): IAMROOT_RUN, PROGS_DIR (the built test programs;
# 32-bit x86 variants carry the suffix -32 when a cross compiler was found),
# TREECMP (tools/treecmp, for the tests that compare trees).
# TEST_UID/TEST_GID choose the unprivileged identity used when the suite runs
# as root (default nobody:nogroup), because as root chown really works and
# would hide every bug.

set -u
: "${TEST_UID:=65534}"
: "${TEST_GID:=65534}"

fail() { echo "FAIL: $*" >&2; exit 1; }
skip() { echo "SKIP: $*" >&2; exit 77; }

# A private, world-readable staging area: the build tree may sit under a
# directory the unprivileged uid cannot enter.
T=$(mktemp -d /tmp/iamroot-test.XXXXXX) || fail "mktemp"
trap 'rm -rf "$T"' EXIT
chmod 755 "$T"
mkdir -p "$T/bin" "$T/work"
cp "$IAMROOT_RUN" "$T/bin/iamroot-run"
IR="$T/bin/iamroot-run"
if [ -n "${PROGS_DIR:-}" ] && [ -d "$PROGS_DIR" ]; then
	cp -r "$PROGS_DIR" "$T/progs"
	P="$T/progs"
fi
W="$T/work"
# Each test its own metadata store, where the test user may write.
export IAMROOT_RUN_STORE="$T/store"
if [ "$(id -u)" = 0 ]; then
	chown -R "$TEST_UID:$TEST_GID" "$W"
	chmod 1777 "$T"	# the store is made there by the test user
fi

# AS_USER_CMD: the words that run a command as the unprivileged test
# identity (none unless root), also where a function cannot go (exec, a
# command run by another program); as_user CMD...: CMD run that way.
AS_USER_CMD=
if [ "$(id -u)" = 0 ]; then
	AS_USER_CMD="setpriv --reuid=$TEST_UID --regid=$TEST_GID --clear-groups --inh-caps=-all --"
fi
# shellcheck disable=SC2086 # AS_USER_CMD is a list of words
as_user() { $AS_USER_CMD "$@"; }

# traced ARGS...: iamroot-run ARGS... as the unprivileged identity.
traced() { as_user "$IR" "$@"; }

# check_eq EXPECTED ACTUAL WHAT
check_eq() {
	[ "$1" = "$2" ] || fail "$3: expected '$1', got '$2'"
}

# same_as_native CMD...: CMD run natively and under iamroot-run print the same
# output and exit with the same status.
same_as_native() {
	local n t ns ts
	n=$(cd "$W" && as_user "$@" 2>&1); ns=$?
	t=$(cd "$W" && traced -- "$@" 2>&1); ts=$?
	check_eq "$ns" "$ts" "exit status of '$*'"
	check_eq "$n" "$t" "output of '$*'"
}

# check_same ORACLE ACTUAL WHAT: the two transcripts are identical, else
# fail with a unified diff (- oracle, + iamroot-run) and iamroot-run's
# standard error.
check_same() {
	if ! diff -u "$1" "$2" >"$T/diff"; then
		{
			echo "--- oracle: $1"
			echo "+++ iamroot-run: $2"
			tail -n +3 "$T/diff"
			if [ -s "$2.err" ]; then
				echo "standard error under iamroot-run (first 40 lines):"
				head -n 40 "$2.err"
			fi
		} >&2
		fail "$3"
	fi
}
