# 8 threads making thousands of trapped and untrapped syscalls at once all get
# the right results (the program checks each one) and lose none; also in a
# guest root, where every thread's path is rewritten at the same time.
. "$SRCDIR/tests/lib.sh"

want="threads: 8 threads x 2000 iterations, 16000 writes, ok"
out=$(traced -- "$P/threads" / 2>&1); st=$?
check_eq "0 $want" "$st $out" "threads /"
out=$(traced -r / -- "$P/threads" "$P/threads" 2>&1); st=$?
check_eq "0 $want" "$st $out" "threads PROG with -r /"
same_as_native "$P/threads" "$P/threads"

as_user mkdir -p "$W/root/bin" || fail "mkdir $W/root/bin"
as_user cp "$P/threads-static" "$W/root/bin/threads" || fail "copying into $W/root"
out=$(traced -r "$W/root" -- /bin/threads /bin/threads 2>&1); st=$?
check_eq "0 $want" "$st $out" "threads in a guest root"
exit 0
