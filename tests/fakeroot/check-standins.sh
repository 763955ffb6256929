#!/bin/sh
# Not a test: checks that the tests of this directory can fail.  Runs each
# of them against stand-ins for iamroot-run that are known to be wrong, and
# prints which tests failed (as they should) and which passed.
#
#   nostore           iamroot-run with a fresh, empty fallback store for
#                     every invocation (forgets what is not in xattrs)
#   fakeroot          fakeroot(1), options before -- ignored
#   fakeroot-persist  fakeroot -i F -s F with F kept per test (its known
#                     traps: stale owners after inode reuse, ...)
#
# Usage, as root, from the source tree, after building (FAKEROOT_PROGS is
# the build directory of tests/fakeroot):
#   IAMROOT_RUN=build/iamroot-run FAKEROOT_PROGS=build/tests/fakeroot \
#       sh tests/fakeroot/check-standins.sh [TEST...]
set -u
here=$(cd "$(dirname "$0")" && pwd)
: "${IAMROOT_RUN:?set IAMROOT_RUN}" "${FAKEROOT_PROGS:?set FAKEROOT_PROGS}"
export SRCDIR="${SRCDIR:-$(cd "$here/../.." && pwd)}" FAKEROOT_PROGS
S=$(mktemp -d /tmp/iamroot-standins.XXXXXX) || exit 1
trap 'rm -rf "$S"' EXIT
chmod 755 "$S"
cp "$IAMROOT_RUN" "$S/iamroot-run"
cat >"$S/nostore" <<EOT
#!/bin/sh
IAMROOT_RUN_STORE=\$(mktemp -u /tmp/standin-store.XXXXXX) exec $S/iamroot-run "\$@"
EOT
cat >"$S/fakeroot" <<'EOT'
#!/bin/sh
while [ $# -gt 0 ] && [ "$1" != -- ]; do shift; done
[ "${1:-}" = -- ] && shift
exec fakeroot -- "$@"
EOT
cat >"$S/fakeroot-persist" <<'EOT'
#!/bin/sh
while [ $# -gt 0 ] && [ "$1" != -- ]; do shift; done
[ "${1:-}" = -- ] && shift
f=$IAMROOT_RUN_STORE.fakeroot
[ -e "$f" ] || : >"$f"
exec fakeroot -i "$f" -s "$f" -- "$@"
EOT
chmod 755 "$S"/*
command -v fakeroot >/dev/null || echo "note: fakeroot is not installed: only nostore is meaningful" >&2

tests=${*:-$(cd "$here" && ls ./*.sh | sed -n 's|^\./\([a-z0-9-]*\)\.sh$|\1|p' | grep -v -e '^lib-' -e '^check-standins$')}
for t in $tests; do
	line="$t:"
	for s in nostore fakeroot fakeroot-persist; do
		IAMROOT_RUN="$S/$s" SIGKILL_ROUNDS=3 timeout 300 sh "$here/$t.sh" >/dev/null 2>&1
		case $? in
		0) line="$line $s=passed" ;;
		77) line="$line $s=skipped" ;;
		*) line="$line $s=FAILED" ;;
		esac
	done
	case $line in *FAILED*) echo "$line" ;; *) echo "$line  <- no stand-in fails it" ;; esac
done
rm -f /tmp/standin-store.*
