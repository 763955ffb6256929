# ESCAPE: raw system calls from a static binary (no libc wrapper to
# intercept) cannot reach a canary outside the root: x86_64 syscall() of
# open/openat/truncate/chmod/utimes/link/creat/rename/unlink on its host path,
# "/../canary" and "../canary"; the i386 ABI through int $0x80 from the same
# 64-bit process (open, openat); the x32 ABI (must fail or be killed).
# Controls: raw open of a guest path works on both ABIs, and the host path
# names the decoy inside the root.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/integration/lib-root.sh"
. "$SRCDIR/tests/vroot/lib-vroot.sh"

escape_setup
run_to "$T/out" traced -r "$R" -- /escape raw-syscall "$CANARY"
escape_verdict "$T/out" \
	'control SYS_open /etc/vroot-marker: ok read "guest-root-marker\n"' \
	'control SYS_open <host path> (the decoy): ok read "#!/bin/cat\nDECOY\n"' \
	'control i386 open /etc/vroot-marker: ok read "guest-root-marker\n"' \
	'control i386 open <host path> (the decoy): ok read "#!/bin/cat\nDECOY\n"'
exit 0
