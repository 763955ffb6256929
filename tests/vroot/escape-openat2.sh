# ESCAPE: openat2(2), made as a raw syscall, cannot read or change a canary
# file outside the root: resolve flags 0, RESOLVE_IN_ROOT, RESOLVE_BENEATH,
# RESOLVE_NO_SYMLINKS|RESOLVE_NO_MAGICLINKS and RESOLVE_NO_XDEV, from AT_FDCWD
# and from a dirfd of "/", on "/../canary", "/../..(x12)<host path>", the
# host path and "../canary", for reading and for appending (and O_TRUNC).
# Controls: openat2 of guest paths works, and the host path names the decoy
# at that path inside the root.  (PRoot passes openat2 through: an escape.)
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/integration/lib-root.sh"
. "$SRCDIR/tests/vroot/lib-vroot.sh"

escape_setup
run_to "$T/out" traced -r "$R" -- /escape openat2 "$CANARY"
escape_verdict "$T/out" \
	'control openat2 AT_FDCWD /etc/vroot-marker 0: ok read "guest-root-marker\n"' \
	'control openat2 rootfd etc/vroot-marker IN_ROOT: ok read "guest-root-marker\n"' \
	'control openat2 rootfd /etc/vroot-marker IN_ROOT: ok read "guest-root-marker\n"' \
	'control openat2 AT_FDCWD <host path> 0 (the decoy): ok read "#!/bin/cat\nDECOY\n"'
exit 0
