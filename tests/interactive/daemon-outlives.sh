# A daemon started by the command (setsid + double fork) outlives it: it is
# still traced until it exits, iamroot-run waits for it, then returns the
# COMMAND's status (7), not the last process's (0).  With -k/--kill-on-exit
# the remaining descendants are SIGKILLed when the command exits: the daemon
# never writes its file.
# Oracle: natively the command exits 7 at once and the daemon, untraced
# (TracerPid 0), writes its file after the command has exited.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/interactive/common.sh"

# daemon.sh cmd FILE: start the daemon, wait until it runs (FILE.pid), exit 7.
# The daemon waits (at most 10 s) for the command to have exited, lingers
# 0.2 s, then records in FILE whether the command had exited, whether the
# daemon is in a session of its own, and whether it is traced (TracerPid).
cat >"$W/daemon.sh" <<'SCRIPT'
gone() {
	s=$(sed -n 's/^State:[[:space:]]*\([A-Za-z]\).*/\1/p' "/proc/$1/status" 2>/dev/null)
	[ -z "$s" ] || [ "$s" = Z ]
}
sid() { cut -d' ' -f6 "/proc/$1/stat"; }
case $1 in
cmd)
	setsid sh "$0" first "$2" $$ "$(sid $$)" </dev/null >/dev/null 2>&1
	i=0
	while [ ! -s "$2.pid" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
	exit 7 ;;
first)	# in a new session; fork the daemon and exit
	sh "$0" daemon "$2" "$3" "$4" &
	exit 0 ;;
daemon)
	echo $$ >"$2.pid.tmp" && mv "$2.pid.tmp" "$2.pid"
	i=0
	while ! gone "$3" && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	if gone "$3"; then exited=yes; else exited=no; fi
	[ "$(sid $$)" != "$4" ] && session=new || session=same
	sleep 0.2	# still running, traced, after the command's exit
	tracer=$(sed -n 's/^TracerPid:[[:space:]]*//p' /proc/$$/status)
	[ "$tracer" != 0 ] && traced=yes || traced=no
	echo "command-exited=$exited session=$session traced=$traced" >"$2.tmp"
	mv "$2.tmp" "$2"
	exit 0 ;;
esac
SCRIPT

# Native oracle.
F=$W/native
spawn "$W/pid" sh "$W/daemon.sh" cmd "$F"
reap 10 "native daemon.sh"
check_eq 7 "$STATUS" "native status"
check_eq "" "$(cat "$F" 2>/dev/null)" "native: daemon file right after the command"
poll 15 test -e "$F" || fail "native: the daemon never wrote $F"
check_eq "command-exited=yes session=new traced=no" "$(cat "$F")" "native daemon's record"

# Traced: iamroot-run returns only once the daemon has written its file.
for opt in "" -v; do
	F=$W/traced$opt
	spawn "$W/pid" "$IR" $opt -- sh "$W/daemon.sh" cmd "$F" 2>"$T/err"
	reap 20 "iamroot-run $opt -- daemon.sh"
	check_eq 7 "$STATUS" \
		"status of iamroot-run $opt (the command's, not the daemon's) (stderr: $(cat "$T/err"))"
	[ -s "$F.pid" ] || fail "iamroot-run $opt: the daemon never started"
	d=$(cat "$F.pid")
	[ -e "$F" ] || fail "iamroot-run $opt returned before the daemon finished" \
		"(daemon $d state '$(proc_state "$d")')"
	check_eq "command-exited=yes session=new traced=yes" "$(cat "$F")" \
		"iamroot-run $opt: daemon's record"
	! alive "$d" || fail "iamroot-run $opt returned while the daemon is still alive"
	if [ -z "$opt" ] && [ -s "$T/err" ]; then
		fail "iamroot-run is not silent by default: $(cat "$T/err")"
	fi
done

# -k / --kill-on-exit: the daemon is killed when the command exits.
for opt in -k --kill-on-exit; do
	F=$W/killed$opt
	spawn "$W/pid" "$IR" $opt -- sh "$W/daemon.sh" cmd "$F" 2>"$T/err"
	reap 20 "iamroot-run $opt -- daemon.sh"
	check_eq 7 "$STATUS" "status of iamroot-run $opt (stderr: $(cat "$T/err"))"
	[ -s "$F.pid" ] || fail "iamroot-run $opt: the daemon never started"
	d=$(cat "$F.pid")
	poll 5 not_running "$d" ||
		fail "iamroot-run $opt: daemon $d still alive (state '$(proc_state "$d")')"
	# Dead, with all its children: it can no longer write the file.
	[ ! -e "$F" ] ||
		fail "iamroot-run $opt: the daemon was not killed, it wrote: $(cat "$F")"
done
exit 0
