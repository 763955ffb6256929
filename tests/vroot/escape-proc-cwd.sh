# ESCAPE: /proc's magic links cannot be used to climb out of the root (host
# /proc bound at /proc, iamroot-run's default): /proc/self/cwd/../canary,
# /proc/self/root/.., /proc/thread-self/..., /proc/PID/cwd, /proc/PID/task/
# TID/root, an fd of /proc/self/cwd, /proc/self/fd/<fd of />/.., chdir
# through them, /proc/self/exe/../..  Controls: /proc/self/cwd and
# /proc/self/root read "/", and lead to guest files (the host path below
# /proc/self/root is the decoy).
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/integration/lib-root.sh"
. "$SRCDIR/tests/vroot/lib-vroot.sh"

escape_setup
run_to "$T/out" traced -r "$R" -- /escape proc-cwd "$CANARY"
escape_verdict "$T/out" \
	'control readlink /proc/self/cwd: ok "/"' \
	'control readlink /proc/self/root: ok "/"' \
	'control open /proc/self/cwd/etc/vroot-marker: ok read "guest-root-marker\n"' \
	'control open /proc/self/root<host path> (the decoy): ok read "#!/bin/cat\nDECOY\n"'
exit 0
