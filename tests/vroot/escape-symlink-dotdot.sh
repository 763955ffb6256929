# ESCAPE: symlinks inside the root whose relative targets climb with ".."
# cannot reach a canary outside it, whether made on the host before the run
# (/esc1 -> ../canary, /esc2 -> ../..(x10)<host path>, /sub/esc3 ->
# ../../canary, /escdir -> ../..(x9)) or by the guest: not to read, append,
# truncate, chmod, utimensat, setxattr, hard-link (linkat
# AT_SYMLINK_FOLLOW), chdir through, or open again as /proc/self/fd/N of an
# O_PATH|O_NOFOLLOW fd of the link.  Controls: the climbing links stop at
# "/" (the decoy at the host path inside the root, /escdir/etc/vroot-marker).
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/integration/lib-root.sh"
. "$SRCDIR/tests/vroot/lib-vroot.sh"

escape_setup
as_user sh -c '
	set -e
	cd "$1"
	mkdir sub
	ln -s ../canary esc1
	ln -s "../../../../../../../../../..$2" esc2
	ln -s ../../canary sub/esc3
	ln -s ../../../../../../../../.. escdir' sh "$R" "$CANARY" || fail "making the links"
ls -A "$W" >"$T/outside.before"
run_to "$T/out" traced -r "$R" -- /escape symlink-dotdot "$CANARY"
escape_verdict "$T/out" \
	'control open /esc2 (the decoy): ok read "#!/bin/cat\nDECOY\n"' \
	'control open /gesc2 (the decoy): ok read "#!/bin/cat\nDECOY\n"' \
	'control open /escdir/etc/vroot-marker: ok read "guest-root-marker\n"'
exit 0
