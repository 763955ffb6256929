# Raw clone3: a fork-like child, a CLONE_VM|CLONE_VFORK child on its own stack
# and one that execs: all are followed and exit as natively.  Skipped only if
# the kernel itself has no clone3.
. "$SRCDIR/tests/lib.sh"

n=$(as_user "$P/clone3" /bin/true 2>&1); ns=$?
[ "$ns" = 77 ] && skip "clone3 is ENOSYS natively"
check_eq "0 clone3: ok" "$ns $n" "native clone3 (oracle)"
out=$(traced -- "$P/clone3" /bin/true 2>&1); st=$?
[ "$st" = 77 ] && fail "clone3 returns ENOSYS under iamroot-run but works natively"
check_eq "0 clone3: ok" "$st $out" "clone3 under iamroot-run"
out=$(traced -- "$P/clone3" /bin/false 2>&1); st=$?
check_eq 1 "$st" "clone3 whose exec'd child exits 1 (output: $out)"
exit 0
