# --stats counts what it says: a dash loop that stats a file N times traps
# exactly N more newfstatat (and N more syscalls in all) than the same loop
# run fewer times; one exec, and no stop of any other kind (no fork, no
# signal, no syscall exit, nothing injected with -r /); the counts go to the
# log (stderr, or --log-file), and nothing is printed without --stats.
. "$SRCDIR/tests/lib.sh"
command -v dash >/dev/null || skip "no dash"

LOOP='i=0; while [ $i -lt $1 ]; do [ -e /etc/passwd ]; i=$((i+1)); done'
stat_line() { sed -n "s/^iamroot-run: stats: $1 \([0-9]*\)\$/\1/p" "$2"; }

for n in 100 300; do
	traced --stats -r / -- dash -c "$LOOP" sh "$n" 2>"$T/stats-$n" ||
		fail "--stats run with $n: $(cat "$T/stats-$n")"
done
a=$(stat_line "syscall newfstatat" "$T/stats-100")
b=$(stat_line "syscall newfstatat" "$T/stats-300")
[ -n "$a" ] && [ -n "$b" ] || fail "no newfstatat count: $(cat "$T/stats-300")"
check_eq 200 "$((b - a))" "newfstatat stops added by 200 more stats"
a=$(stat_line seccomp "$T/stats-100")
b=$(stat_line seccomp "$T/stats-300")
check_eq 200 "$((b - a))" "seccomp stops added by 200 more stats"
check_eq 1 "$(stat_line exec "$T/stats-300")" "exec stops of one dash"
for k in syscall-exit injected new-task event-stop signal other; do
	check_eq 0 "$(stat_line "$k" "$T/stats-300")" "$k stops of a stat loop"
done

traced -r / -- dash -c "$LOOP" sh 10 2>"$T/quiet" || fail "run without --stats"
check_eq "" "$(cat "$T/quiet")" "stderr without --stats"
traced --stats -l "$T/work/log" -r / -- dash -c "$LOOP" sh 10 2>"$T/to-log" ||
	fail "--stats with --log-file"
check_eq "" "$(cat "$T/to-log")" "stderr with --stats --log-file"
grep -q '^iamroot-run: stats: syscall newfstatat ' "$T/work/log" ||
	fail "no counts in the log file: $(cat "$T/work/log")"
exit 0
