# ESCAPE: execve and execveat cannot run a program outside the root: the
# canary is an executable "#!/bin/cat" script that prints its secret when
# run, tried by its host path, "/../canary", "/../..(x12)<host path>" and
# "../canary", with execve, execveat from AT_FDCWD and from a dirfd of "/",
# and execveat(fd, "", AT_EMPTY_PATH) of an O_PATH fd.  Controls: a guest
# script runs (by path and from a dirfd), execveat AT_EMPTY_PATH runs a
# guest program, and the host path runs the decoy at that path in the root.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/integration/lib-root.sh"
. "$SRCDIR/tests/vroot/lib-vroot.sh"

escape_setup
# A script run by execveat from a dirfd gets /dev/fd/N/PATH as its argument
# (the kernel's name): the root has /dev/fd, as a Debian root does.
as_user sh -c 'mkdir -p "$1/dev" && ln -sfn /proc/self/fd "$1/dev/fd"' sh "$R"
run_to "$T/out" traced -r "$R" -- /escape execveat "$CANARY"
escape_verdict "$T/out" \
	'control execve /etc/guest-script: exit 0' \
	'control execveat rootfd etc/guest-script: exit 0' \
	'control execveat fd-of-/escape AT_EMPTY_PATH: exit 0' \
	'control execve <host path> (the decoy): exit 0' \
	'GUEST-SCRIPT' 'probe-ran' 'DECOY'
exit 0
