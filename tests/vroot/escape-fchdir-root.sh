# ESCAPE: the working directory cannot be walked out of the root: fchdir to
# an fd of "/" then 20 x "..", and the classic chroot break (chroot into a
# subdirectory without entering it, or fchdir to an fd of the old "/", then
# 20 x ".." and chroot(".")) which escapes a real chroot, all stop at the
# root: the canary (by relative paths from there, by "/../canary" and by
# its host path) is neither read nor changed.  Controls: guest files are
# reached from where the walks end, and the host path names the decoy.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/integration/lib-root.sh"
. "$SRCDIR/tests/vroot/lib-vroot.sh"

escape_setup
run_to "$T/out" traced -r "$R" -- /escape fchdir-root "$CANARY"
escape_verdict "$T/out" \
	'control open etc/vroot-marker (relative): ok read "guest-root-marker\n"' \
	'control open /etc/vroot-marker (back in the root): ok read "guest-root-marker\n"' \
	'control open <host path> (the decoy): ok read "#!/bin/cat\nDECOY\n"'
exit 0
