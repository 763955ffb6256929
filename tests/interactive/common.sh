# Helpers shared by the tests in tests/interactive/, sourced after
# tests/lib.sh.  Everything waits by polling with a deadline: no test relies on
# a fixed sleep being long enough, and none can hang past its own deadline.

# Every process the test starts carries IAMROOT_TEST_TAG=$T in its
# environment; at exit, CLEANUP is evaluated, then whatever still carries the
# tag gets SIGKILL (so that a failing test leaves nothing running behind it:
# a stuck iamroot-run, a daemon, a job in a tmux pane), then lib.sh's removal
# of $T is done.
IAMROOT_TEST_TAG=$T; export IAMROOT_TEST_TAG
CLEANUP=:
# tagged_pids: the pids of the processes carrying the tag, but this shell.
tagged_pids() {
	local e p
	for e in $(grep -lzx "IAMROOT_TEST_TAG=$T" /proc/[0-9]*/environ 2>/dev/null); do
		p=${e#/proc/}; p=${p%/environ}
		[ "$p" = $$ ] || echo "$p"
	done
}
cleanup() {
	local p
	eval "$CLEANUP"
	for p in $(tagged_pids); do
		kill -KILL "$p" 2>/dev/null
	done
	rm -rf "$T"
}
trap cleanup EXIT
# dash runs no EXIT trap when killed by a signal (meson's timeout sends
# SIGTERM): turn those into exits.
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

# traced_t ARGS...: like lib.sh's traced, but a hung iamroot-run is killed
# after 30 s (status 124, or 137 if SIGTERM did not end it) instead of
# holding the test until meson's timeout.
traced_t() { as_user timeout -k 5 30 "$IR" "$@"; }

# alive PID: PID exists and is not a zombie.
alive() {
	local s
	s=$(sed -n 's/^State:[[:space:]]*\([A-Za-z]\).*/\1/p' "/proc/$1/status" 2>/dev/null)
	[ -n "$s" ] && [ "$s" != Z ]
}

# proc_state PID: the one-letter state of PID (empty if gone).
proc_state() {
	sed -n 's/^State:[[:space:]]*\([A-Za-z]\).*/\1/p' "/proc/$1/status" 2>/dev/null
}

# poll SECONDS CMD...: run CMD every 50 ms until it succeeds; fail after SECONDS.
poll() {
	local n
	n=$(($1 * 20)); shift
	while ! "$@"; do
		n=$((n - 1))
		[ "$n" -gt 0 ] || return 1
		sleep 0.05
	done
}

# spawn PIDFILE CMD...: start CMD in the background as the test user, with
# every signal at its default disposition (a non-interactive shell would
# otherwise start background jobs with SIGINT and SIGQUIT ignored).  PIDFILE
# receives the pid CMD itself runs as, once it is about to exec; SPAWNED is
# the pid to `wait` for.
spawn() {
	local f
	f=$1; shift
	rm -f "$f"
	as_user env --default-signal sh -c \
		'echo $$ >"$0.tmp" && mv "$0.tmp" "$0" && exec "$@"' "$f" "$@" &
	SPAWNED=$!
	poll 10 test -s "$f" || fail "spawn: $* did not start"
	SPAWNED_PID=$(cat "$f")
}

# reap SECONDS WHAT: wait for the process started by spawn to finish and set
# STATUS; if it is still running after SECONDS, SIGKILL it and fail.
reap() {
	if ! poll "$1" not_running "$SPAWNED"; then
		kill -KILL "$SPAWNED_PID" 2>/dev/null
		wait "$SPAWNED"
		fail "$2: still running after $1 s (killed)"
	fi
	wait "$SPAWNED"; STATUS=$?
}
not_running() { ! alive "$1"; }
