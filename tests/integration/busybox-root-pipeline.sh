# In a busybox guest root (-r DIR), the guest's /bin/sh runs a pipeline of
# guest applets (found through absolute symlinks to /bin/busybox) with the
# same output and status as the same busybox run natively on the host; a
# marker file that exists only in the guest proves it ran there.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/integration/lib-root.sh"

R="$W/root"
make_root "$R"
as_user sh -c 'echo guest-marker >"$1/etc/iamroot-marker"' sh "$R" || fail "writing the marker"
script='cat /etc/iamroot-marker; printf "b\na\nb\nc\na\nb\n" | sort | uniq -c | sort -rn | wc -l; seq 1 3000 | sort -rn | head -n 2; ls /bin/sh; exit 3'
# The oracle: the host's busybox in the guest root, natively; only the
# marker's path differs from the guest's view.
n=$(cd "$W" && as_user /bin/busybox sh -c "$(printf "%s" "$script" | sed "s|/etc/iamroot-marker|$R&|")" 2>&1); ns=$?
check_eq "3 $(printf 'guest-marker\n3\n3000\n2999\n/bin/sh')" "$ns $n" "busybox natively (oracle)"
t=$(cd "$W" && traced -r "$R" -- /bin/sh -c "$script" 2>&1); ts=$?
check_eq "$ns $n" "$ts $t" "guest /bin/sh pipeline in $R"
exit 0
