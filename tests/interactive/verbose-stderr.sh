# iamroot-run is silent by default: the command's stdout and stderr are
# exactly what they are natively.  With -v (or --verbose) it logs to stderr
# (level 1 logs what is emulated: the command chowns a file to root and
# calls chroot, both emulated), and stdout stays the command's.  Oracle: the
# native run's output (natively, as the test user, chown and chroot fail:
# their errors are discarded).
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/interactive/common.sh"

PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin; export PATH	# chroot(8)
cmd="touch '$W/f'; chown 0:0 '$W/f' 2>/dev/null; chroot / true 2>/dev/null"
cmd="$cmd; echo out-\$((6*7)); echo err-\$((6*7)) >&2; exit 3"
as_user sh -c "$cmd" >"$T/n.out" 2>"$T/n.err"; ns=$?
check_eq 3 "$ns" "native status"
check_eq "out-42" "$(cat "$T/n.out")" "native stdout"
check_eq "err-42" "$(cat "$T/n.err")" "native stderr"

traced_t -- sh -c "$cmd" >"$T/t.out" 2>"$T/t.err"; ts=$?
check_eq "$ns" "$ts" "status"
check_eq "$(cat "$T/n.out")" "$(cat "$T/t.out")" "stdout without -v"
check_eq "$(cat "$T/n.err")" "$(cat "$T/t.err")" "stderr without -v (must be silent)"

for v in -v --verbose; do
	traced_t "$v" -- sh -c "$cmd" >"$T/t.out" 2>"$T/t.err"; ts=$?
	check_eq "$ns" "$ts" "status with $v"
	check_eq "$(cat "$T/n.out")" "$(cat "$T/t.out")" "stdout with $v"
	grep -qx "err-42" "$T/t.err" || fail "$v: the command's stderr is missing"
	[ "$(grep -cvx "err-42" "$T/t.err")" -gt 0 ] ||
		fail "$v: iamroot-run logged nothing on stderr"
done
exit 0
