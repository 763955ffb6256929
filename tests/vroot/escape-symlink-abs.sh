# ESCAPE: a symlink whose absolute target is the canary's host path (made on
# the host before the run, or by the guest), and one to the canary's host
# directory, lead inside the root: not to the canary for reading, appending,
# truncate, chmod, utimensat, setxattr, linkat AT_SYMLINK_FOLLOW, chdir, or
# /proc/self/fd/N of an O_PATH|O_NOFOLLOW fd of the link (read and append).
# Controls: they reach the decoy at that path inside the root, and the
# guest's symlink is stored with its target as written (no host prefix).
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/integration/lib-root.sh"
. "$SRCDIR/tests/vroot/lib-vroot.sh"

escape_setup
as_user ln -s "$CANARY" "$R/hostlink" || fail "ln"
as_user ln -s "$W" "$R/hostdir" || fail "ln"
run_to "$T/out" traced -r "$R" -- /escape symlink-abs "$CANARY"
escape_verdict "$T/out" \
	'control open /hostlink (the decoy): ok read "#!/bin/cat\nDECOY\n"' \
	'control open /guestlink (the decoy): ok read "#!/bin/cat\nDECOY\n"' \
	'control readlink /guestlink: ok <host path>'
check_eq "$CANARY" "$(readlink "$R/guestlink")" "the target of /guestlink as stored on disk"
exit 0
