# AF_UNIX sockets bound and connected by guest path work as under a real
# chroot (static program `unixsock`): stream and datagram, absolute and
# relative names, sendto/sendmsg/connect+send, the addresses the kernel
# reports (getsockname, getpeername, accept, recvfrom) are guest paths, a
# 107-byte name and a 108-byte name without NUL work, abstract names are
# left alone; the socket files appear inside the root, none on the host.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/integration/lib-root.sh"
. "$SRCDIR/tests/vroot/lib-vroot.sh"

# socks DIR: the socket files left in DIR/vsock.
socks() {
	echo "--- sockets"
	for s in s.sock d1.sock d2.sock; do
		if [ -S "$1/vsock/$s" ]; then echo "$s: socket"; else echo "$s: missing"; fi
	done
}

R="$W/root"
vroot_make "$R"
vroot_install unixsock "$R"
[ ! -e /vsock ] || fail "/vsock exists on the host: remove it first"
run_to "$T/traced" traced -r "$R" -- /unixsock /vsock
socks "$R" >>"$T/traced"
[ ! -e /vsock ] || fail "iamroot-run created /vsock on the host"

oracle=
if is_root; then
	vroot_make "$W/oracle"
	vroot_install unixsock "$W/oracle"
	run_to "$T/oracle" oracle_chroot "$W/oracle" /unixsock /vsock
	socks "$W/oracle" >>"$T/oracle"
	oracle="$T/oracle"
fi
check_transcript unixsock "$T/traced" "$oracle" "AF_UNIX sockets under iamroot-run differ from a real chroot"
exit 0
