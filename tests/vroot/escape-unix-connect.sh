# ESCAPE: AF_UNIX addresses are paths too: a stream server and a datagram
# server listening OUTSIDE the root (started natively next to it; the
# stream server sends the canary's content to whoever connects, the
# datagram server logs what it receives) cannot be reached by connect,
# sendto, sendmsg or connect+send on "/../outside.sock", "../outside.sock"
# or "/../..(x5)<host path>".  Controls: the host path of the sockets names
# decoy sockets the guest bound at that path inside the root.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/integration/lib-root.sh"
. "$SRCDIR/tests/vroot/lib-vroot.sh"

escape_setup
# serve PIDFILE ARGS...: an outside server in the background, its own pid
# in PIDFILE, holding none of the test's output pipes.
serve() {
	as_user sh -c 'echo $$ >"$1"; shift; exec "$@"' sh "$@" </dev/null >/dev/null 2>&1 &
}
stop_servers() {
	for p in "$W/srv1.pid" "$W/srv2.pid"; do
		[ -s "$p" ] && kill "$(cat "$p")" 2>/dev/null
	done
}
trap 'stop_servers; rm -rf "$T"' EXIT
serve "$W/srv1.pid" "$R/escape" unix-serve-stream "$W/outside.sock" "$CANARY"
serve "$W/srv2.pid" "$R/escape" unix-serve-dgram "$W/outside.dgram" "$W/dgram.log"
i=0
while [ ! -S "$W/outside.sock" ] || [ ! -S "$W/outside.dgram" ]; do
	i=$((i + 1))
	[ $i -le 100 ] || fail "the outside servers did not start"
	sleep 0.1
done
# sentinel: send a last datagram natively and wait until the server has
# logged it: datagrams are received in order, so all before it are logged.
sentinel() {
	as_user "$R/escape" unix-send-dgram "$W/outside.dgram" "SENTINEL-$1" ||
		fail "sending the sentinel datagram"
	i=0
	until grep -q "SENTINEL-$1" "$W/dgram.log" 2>/dev/null; do
		i=$((i + 1))
		[ $i -le 100 ] || fail "the outside datagram server did not log the sentinel"
		sleep 0.1
	done
}
# the servers work, natively
out=$(cd "$W" && as_user "$R/escape" unix-connect "$CANARY" 2>&1)
case $out in *"$SECRET"*) ;; *) fail "the outside stream server does not answer natively: $out" ;; esac
sentinel 1
grep -q PWNED-DGRAM "$W/dgram.log" || fail "the outside datagram server received nothing natively"
rm -f "$W/dgram.log"
ls -A "$W" >"$T/outside.before"
canary_state >"$T/canary.before"
run_to "$T/out" traced -r "$R" -- /escape unix-connect "$CANARY"
sentinel 2
if [ "$(cat "$W/dgram.log")" = SENTINEL-2 ]; then
	rm -f "$W/dgram.log"
fi
if grep -qF -- "$SECRET" "$T/out"; then
	cat "$T/out" >&2
	fail "ESCAPE: connected to the stream server outside the root, which sent the canary: $(grep -F -- "$SECRET" "$T/out" | cut -d: -f1 | tr '\n' ';')"
fi
if [ -e "$W/dgram.log" ]; then
	cat "$T/out" >&2
	fail "ESCAPE: the datagram server outside the root received: $(cat "$W/dgram.log")"
fi
escape_verdict "$T/out" \
	'control guest decoy server bind: ok' \
	'control guest decoy dgram bind: ok' \
	'control connect <host path of outside.sock> (the decoy): ok read "DECOY-SOCK\n"' \
	'control sendto <host path of outside.dgram> (the decoy): ok' \
	'control decoy dgram received: ok'
exit 0
