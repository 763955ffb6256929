# ESCAPE: /proc/PID/root and /proc/PID/cwd of other processes, which the
# kernel lets a process of the same uid follow (iamroot-run itself is one),
# do not reach the host: /proc/1/root is not the host's "/", and for every
# PID in /proc, neither root<host path>, cwd/canary, cwd/../canary,
# cwd/../../canary nor cwd<host path> reads the canary.  Controls:
# /proc/self/root leads to guest files and the decoy.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/integration/lib-root.sh"
. "$SRCDIR/tests/vroot/lib-vroot.sh"

escape_setup
hostroot=$(stat -c '%d:%i' /)
run_to "$T/out" traced -r "$R" -- /escape proc-root "$CANARY" "$hostroot"
if grep 'REACHED-HOST-ROOT' "$T/out" >&2; then
	fail "ESCAPE: a /proc/PID/root in the root is the host's /"
fi
escape_verdict "$T/out" \
	'control open /proc/self/root<host path> (the decoy): ok read "#!/bin/cat\nDECOY\n"' \
	'control open /proc/self/root/etc/vroot-marker: ok read "guest-root-marker\n"' \
	'control opendir /proc: ok' \
	'control /proc/PID/{root,cwd} names tried: some'
exit 0
