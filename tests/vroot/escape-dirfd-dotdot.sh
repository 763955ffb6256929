# ESCAPE: ".." from a dirfd of "/" (O_RDONLY and O_PATH, and from a dirfd
# of /etc) cannot reach a canary outside the root: openat read and append,
# fchmodat, utimensat, linkat and renameat of it into the root, unlinkat,
# nor create anything next to the root (mkdirat, symlinkat, mknodat,
# O_CREAT); nor an O_PATH|O_NOFOLLOW dirfd of a symlink to the canary's
# host directory (the kernel says ENOTDIR).  Controls: openat(rootfd, "..") is "/" itself, and the host path
# below many ".." names the decoy inside the root.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/integration/lib-root.sh"
. "$SRCDIR/tests/vroot/lib-vroot.sh"

escape_setup
run_to "$T/out" traced -r "$R" -- /escape dirfd-dotdot "$CANARY"
escape_verdict "$T/out" \
	'control open / O_DIRECTORY: ok' \
	'control openat rootfd etc/vroot-marker: ok read "guest-root-marker\n"' \
	'control openat rootfd ../..(x11)<host path> (the decoy): ok read "#!/bin/cat\nDECOY\n"' \
	'control openat rootfd ..: ok same-as-/' \
	'control open /dirlink/canary (the decoy): ok read "#!/bin/cat\nDECOY\n"'
exit 0
