# A non-leader thread execs while other threads are busy in syscalls: the new
# image has the old leader's pid (and tid), the same parent and one thread,
# as natively; repeated, since this is a race; also for i386 and in a guest
# root (-r DIR), where the exec'd path is a guest path.
. "$SRCDIR/tests/lib.sh"

want="0 exec-from-thread: ok"
for prog in exec-from-thread exec-from-thread-32; do
	[ -x "$P/$prog" ] || continue
	for i in 1 2 3 4 5; do
		out=$(traced -- "$P/$prog" "$P/$prog" 2>&1); st=$?
		check_eq "$want" "$st $out" "$prog (run $i)"
	done
	out=$(traced -- "$P/$prog" 2>&1); st=$?
	check_eq "$want" "$st $out" "$prog via /proc/self/exe"
	same_as_native "$P/$prog" "$P/$prog"
done

as_user mkdir -p "$W/root/bin" || fail "mkdir $W/root/bin"
as_user cp "$P/exec-from-thread-static" "$W/root/bin/eft" || fail "copying into $W/root"
out=$(traced -r "$W/root" -- /bin/eft /bin/eft 2>&1); st=$?
check_eq "$want" "$st $out" "exec-from-thread in a guest root"
exit 0
