# The same AF_UNIX calls as unix-socket.sh, in a root whose host path is
# longer than sun_path (108 bytes): the guest names are short, so they must
# work although DIR plus the name cannot be put in a sockaddr_un; the
# socket files appear inside the root.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/integration/lib-root.sh"
. "$SRCDIR/tests/vroot/lib-vroot.sh"

socks() {
	echo "--- sockets"
	for s in s.sock d1.sock d2.sock; do
		if [ -S "$1/vsock/$s" ]; then echo "$s: socket"; else echo "$s: missing"; fi
	done
}

deep=$(printf 'd%.0s' $(seq 1 60))
as_user mkdir -p "$W/$deep/$deep" || fail "mkdir"
R="$W/$deep/$deep/root"
[ ${#R} -gt 140 ] || fail "the root's path is not long enough (${#R} bytes)"
vroot_make "$R"
vroot_install unixsock "$R"
run_to "$T/traced" traced -r "$R" -- /unixsock /vsock
socks "$R" >>"$T/traced"

oracle=
if is_root; then
	O="$W/$deep/$deep/oracle"
	vroot_make "$O"
	vroot_install unixsock "$O"
	run_to "$T/oracle" oracle_chroot "$O" /unixsock /vsock
	socks "$O" >>"$T/oracle"
	oracle="$T/oracle"
fi
check_transcript unixsock "$T/traced" "$oracle" "AF_UNIX sockets in a root with a long host path (${#R} bytes) under iamroot-run differ from a real chroot"
exit 0
