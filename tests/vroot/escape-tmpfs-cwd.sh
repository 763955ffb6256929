# ESCAPE: a tmpfs mounted in the root is a directory in the session's
# private directory, under TMPDIR; with TMPDIR a symlink, the working
# directory inside it (read back from /proc/PID/cwd, canonical) must still
# map into the root, else a relative path is left to the kernel, which
# follows a symlink to "/" on the host.  Controls: the absolute path
# through the same symlink names the decoy.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/integration/lib-root.sh"
. "$SRCDIR/tests/vroot/lib-vroot.sh"

escape_setup
mkdir "$T/tmp-real" && ln -s tmp-real "$T/tmp-link" && chmod 1777 "$T/tmp-real" ||
	fail "making a symlinked TMPDIR"
(export TMPDIR="$T/tmp-link"; run_to "$T/out" traced -r "$R" -- /escape tmpfs-cwd "$CANARY")
escape_verdict "$T/out" 'control open /mnt/l<host path> (the decoy): ok read "#!/bin/cat\nDECOY\n"'
exit 0
