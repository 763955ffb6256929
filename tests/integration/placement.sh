# A thread that traps often runs on the supervisor's CPU, one that computes
# gets every CPU of the session back, and programs see the session's CPUs
# all along (nproc, sched_getaffinity, an affinity of their own, as
# natively); -1 keeps everything on one CPU, --no-pin never pins.
. "$SRCDIR/tests/lib.sh"

cpus=$(as_user sed -n 's/^Cpus_allowed_list:[[:space:]]*//p' /proc/self/status)
case $cpus in
*[-,]*) ;;
*) skip "one CPU here ($cpus): nothing to place" ;;
esac

same_as_native nproc
same_as_native sh -c 'taskset -c 0 sh -c "grep Cpus_allowed_list: /proc/self/status; nproc"'
for mode in trapping computing; do
	out=$(traced -- "$P/placement" $mode "$cpus" 2>&1) || fail "default, $mode: $out"
done
out=$(traced -1 -- "$P/placement" pinned "$cpus" 2>&1) || fail "-1: $out"
out=$(traced --no-pin -- "$P/placement" same "$cpus" 2>&1) || fail "--no-pin: $out"
exit 0
