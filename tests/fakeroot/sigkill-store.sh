# The store survives SIGKILL of iamroot-run: 50 times, a traced loop chowns
# objects in turn (fifos and symlinks, whose owners only the fallback log
# can hold, and regular files) and prints each number once its lchown has
# returned; iamroot-run is killed with SIGKILL at a random moment; then a
# new iamroot-run (opening the store without complaint) must show, for
# every object, the last owner the loop reported for it, or the one after,
# if that lchown completed but was not yet reported.  Oracle: exact values
# (what the loop printed).
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/fakeroot/lib-fakeroot.sh"

K=30		# objects per round
ROUNDS=${SIGKILL_ROUNDS:-50}
scene sigkill

# start_loop DIR OUT: the loop under iamroot-run in DIR, in the background,
# as the test identity; $! is iamroot-run's pid (exec all the way down).
start_loop() {
	# shellcheck disable=SC2086 # AS_USER_CMD is a list of words
	(cd "$1" && exec $AS_USER_CMD "$IR" -- "$F/chownloop" . "$K" >"$2" 2>"$2.err") &
}

# wait_for CMD...: poll CMD every 10 ms for 10 s.
wait_for() {
	wf_n=0
	until "$@"; do
		wf_n=$((wf_n + 1))
		[ $wf_n -lt 1000 ] || return 1
		sleep 0.01
	done
}

# gone PID: PID has exited (a zombie waiting for init to reap it counts).
# shellcheck disable=SC2317 # called through wait_for
gone() {
	! grep -q '^State:[[:space:]]*[^Z[:space:]]' "/proc/$1/status" 2>/dev/null
}

total=0
r=0
while [ $r -lt "$ROUNDS" ]; do
	d="$TD/r$r"
	as_user mkdir "$d" || fail "mkdir $d"
	out="$T/done.$r"
	start_loop "$d" "$out"
	pid=$!
	wait_for test -s "$out" || fail "round $r: the loop printed nothing: $(cat "$out.err")"
	sleep "$(awk -v s="$(od -An -N4 -tu4 /dev/urandom)" 'BEGIN { srand(s); printf "%.3f", rand() * 0.4 }')"
	loop=$(cat "$d/pid")
	ppid=$(awk '/^PPid:/ { print $2 }' "/proc/$loop/status" 2>/dev/null)
	check_eq "$pid" "$ppid" "round $r: the parent of the traced loop (the process to kill)"
	kill -KILL "$pid"
	{ wait "$pid"; } 2>/dev/null
	# The loop itself stops at its next lchown (no tracer to answer it)
	# or was killed with its tracer; it must not live on.
	if ! wait_for gone "$loop"; then
		kill -KILL "$loop" 2>/dev/null
		fail "round $r: the traced loop ($loop) outlived iamroot-run by 10 s"
	fi
	# Only whole lines count (a line is written with one write(2)).
	[ -z "$(tail -c 1 "$out")" ] || fail "round $r: a torn line in the loop's output"
	n=$(wc -l <"$out")
	total=$((total + n))

	(cd "$d" && traced -- sh -c 'stat -c "%n %u %g" n*') >"$T/seen.$r" 2>"$T/seen.$r.err"
	st=$?
	check_eq 0 "$st" "round $r: status of the run after the kill ($(cat "$T/seen.$r.err"))"
	[ ! -s "$T/seen.$r.err" ] || fail "round $r: the run after the kill said: $(cat "$T/seen.$r.err")"
	awk -v K="$K" -v round="$r" '
		FNR == NR { done[$1 % K] = $1; if ($1 > max) max = $1; next }
		{
			j = substr($1, 2) + 0
			seen[j] = 1
			ok = 0
			if (j in done) {
				if ($2 == 100000 + done[j] && $3 == 200000 + done[j]) ok = 1
			} else if ($2 == 0 && $3 == 0) ok = 1
			next_i = max + 1
			# The chown in flight when the kill came may be there whole,
			# or half (uid and gid are separate xattrs in the iamroot
			# format: see doc/STORE.md); a chown that returned may not.
			if (next_i % K == j && ($2 == 100000 + next_i || $2 == 100000 + done[j]) &&
			    ($3 == 200000 + next_i || $3 == 200000 + done[j])) ok = 1
			if (!ok) {
				printf "round %d: %s is %s:%s, but the last lchown of it the loop reported done is ", round, $1, $2, $3
				if (j in done) printf "#%d (%d:%d)", done[j], 100000 + done[j], 200000 + done[j]
				else printf "none (0:0)"
				if (next_i % K == j) printf ", and the one in flight #%d (%d:%d)", next_i, 100000 + next_i, 200000 + next_i
				printf "\n"

				bad = 1
			}
		}
		END {
			for (j = 0; j < K; j++) if (!(j in seen)) { printf "round %d: n%d not seen\n", round, j; bad = 1 }
			exit bad
		}' "$out" "$T/seen.$r" >"$T/bad.$r" || fail "$(cat "$T/bad.$r")"
	r=$((r + 1))
done
echo "NOTE: $ROUNDS kills; $total lchowns reported done in all, every one in the store" \
	"($(stat -c %s "$IAMROOT_RUN_STORE") bytes now)" >&2
exit 0
