# A CMD killed by a signal is reported as a shell reports it: 128 + signal
# (137 for SIGKILL, 143 for SIGTERM), to the caller of iamroot-run and to a
# shell inside it.
. "$SRCDIR/tests/lib.sh"

as_user "$P/sigkill-self"; st=$?
check_eq 137 "$st" "native status of sigkill-self (oracle)"
traced -- "$P/sigkill-self"; st=$?
check_eq 137 "$st" "status of a program that SIGKILLs itself"
traced -- sh -c 'kill -KILL $$'; st=$?
check_eq 137 "$st" "status of sh -c 'kill -KILL \$\$'"
traced -- sh -c 'kill -TERM $$'; st=$?
check_eq 143 "$st" "status of sh -c 'kill -TERM \$\$'"

out=$(traced -- sh -c '"$1"; echo "inner status $?"' sh "$P/sigkill-self" 2>/dev/null)
check_eq "inner status 137" "$out" "SIGKILLed child as seen by a shell inside"
same_as_native sh -c '"$1"; echo "inner status $?"' sh "$P/sigkill-self"
exit 0
