# iamroot-run exits with CMD's own exit status: every code 0-255 comes back
# unchanged, a status seen by a shell inside is right, and the status is
# CMD's even when a descendant outlives it and exits differently (PRoot
# reports the last process's).
. "$SRCDIR/tests/lib.sh"

for code in 0 1 2 3 42 126 127 128 200 255; do
	traced -- sh -c "exit $code"; st=$?
	check_eq "$code" "$st" "exit status of sh -c 'exit $code'"
	traced -- "$P/exit-code" "$code"; st=$?
	check_eq "$code" "$st" "exit status of exit-code $code"
done
traced -r / -- "$P/exit-code" 9; st=$?
check_eq 9 "$st" "exit status of exit-code 9 with -r /"

same_as_native sh -c '"$1" 5; echo "inner status $?"' sh "$P/exit-code"
out=$(traced -- sh -c '"$1" 5; echo "inner status $?"' sh "$P/exit-code")
check_eq "inner status 5" "$out" "status of a child as seen by a shell inside"

# CMD exits 3 while its background child lives on and exits 0.
traced -- sh -c '(sleep 0.5; exit 0) >/dev/null 2>&1 & exit 3'; st=$?
check_eq 3 "$st" "exit status of CMD whose background child outlives it"
# CMD exits 0 after a child of it exited 4.
traced -- sh -c '"$1" 4; exit 0' sh "$P/exit-code"; st=$?
check_eq 0 "$st" "exit status of CMD after a child exited 4"
exit 0
