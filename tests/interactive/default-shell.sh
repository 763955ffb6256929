# With no COMMAND, iamroot-run runs $SHELL, or /bin/sh when SHELL is unset,
# and exits with its status.  Oracle: exact values (the fake shell
# reports how it was started; /bin/sh runs a script read from stdin).
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/interactive/common.sh"

# A "shell" that says it ran, with how many arguments, and exits 5.
printf '#!/bin/sh\necho "fake-shell args=$#"\nexit 5\n' >"$T/bin/fake-shell"
chmod 755 "$T/bin/fake-shell"

out=$(echo 'echo not-this' | as_user env SHELL="$T/bin/fake-shell" \
	timeout -k 5 30 "$IR" 2>"$T/err"); st=$?
check_eq 5 "$st" "status with SHELL=fake-shell (stderr: $(cat "$T/err"))"
check_eq "fake-shell args=0" "$out" "output with SHELL=fake-shell"
out=$(echo 'echo not-this' | as_user env SHELL="$T/bin/fake-shell" \
	timeout -k 5 30 "$IR" -- 2>"$T/err"); st=$?
check_eq 5 "$st" "status of 'iamroot-run --' with SHELL=fake-shell (stderr: $(cat "$T/err"))"
check_eq "fake-shell args=0" "$out" "output of 'iamroot-run --' with SHELL=fake-shell"

out=$(printf 'echo sh-$((6*7))\nexit 4\n' | as_user env -u SHELL \
	timeout -k 5 30 "$IR" 2>"$T/err"); st=$?
check_eq 4 "$st" "status with SHELL unset (stderr: $(cat "$T/err"))"
check_eq sh-42 "$out" "output with SHELL unset"
exit 0
