# ESCAPE: io_uring, which opens files from a submission queue with no system
# call per file, is refused: io_uring_setup fails with ENOSYS (with and
# without SQPOLL), so no IORING_OP_OPENAT of the canary's host path or of
# "/../canary" can run (the program tries them when the setup succeeds).
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/integration/lib-root.sh"
. "$SRCDIR/tests/vroot/lib-vroot.sh"

escape_setup
run_to "$T/out" traced -r "$R" -- /escape io-uring "$CANARY"
escape_verdict "$T/out" \
	'io_uring_setup: ENOSYS' \
	'io_uring_setup IORING_SETUP_SQPOLL: ENOSYS'
exit 0
