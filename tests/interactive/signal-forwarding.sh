# SIGTERM, SIGINT and SIGHUP sent to the iamroot-run process reach the
# command, and iamroot-run exits with the command's status: 42 from a command
# that traps SIGTERM and exits 42, 128+N from one killed by signal N.
# Oracle: the same command run natively and sent the same signal.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/interactive/common.sh"

# sig_status SIGNAL SCRIPT [PREFIX...]: start PREFIX sh -c SCRIPT, wait until
# the command itself is running (it writes its pid to $W/ready), send SIGNAL
# to the pid started (iamroot-run when PREFIX is iamroot-run) and set
# SIG_STATUS to the exit status.
sig_status() {
	local sig script what
	sig=$1 script=$2; shift 2
	what="${*:-native} sh -c '$script'"
	rm -f "$W/ready"
	spawn "$W/pid" "$@" sh -c "$script" >/dev/null 2>"$T/err"
	poll 10 test -s "$W/ready" ||
		fail "$what: command did not start: $(cat "$T/err")"
	kill -"$sig" "$SPAWNED_PID"
	reap 10 "$what, after SIG$sig"
	SIG_STATUS=$STATUS
}

loop='while :; do sleep 0.1; done'
for case in "TERM:trap 'exit 42' TERM" "INT:" "HUP:" "TERM:" \
		"INT:trap 'exit 43' INT" "HUP:trap 'exit 44' HUP"; do
	sig=${case%%:*} trap=${case#*:}
	script="$trap${trap:+; }echo \$\$ >\"$W/ready\"; $loop"
	sig_status "$sig" "$script"; native=$SIG_STATUS
	sig_status "$sig" "$script" "$IR" --; traced=$SIG_STATUS
	check_eq "$native" "$traced" "status after SIG$sig to iamroot-run -- sh -c '$script'"
	# The native oracle's values, so that a broken oracle cannot hide a bug.
	case $case in
	"TERM:trap 'exit 42' TERM") check_eq 42 "$native" "native, SIGTERM trapped" ;;
	INT:) check_eq 130 "$native" "native, SIGINT" ;;
	HUP:) check_eq 129 "$native" "native, SIGHUP" ;;
	esac
done
exit 0
