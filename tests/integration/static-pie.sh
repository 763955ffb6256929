# A static PIE (no interpreter, self-relocating, loaded at a random address)
# runs under iamroot-run as natively, and in a guest root holding nothing but
# itself.
. "$SRCDIR/tests/lib.sh"

out=$(traced -- "$P/static-pie" 2>&1); st=$?
check_eq "0 hello from a static PIE" "$st $out" "static-pie"
same_as_native "$P/static-pie"

as_user mkdir -p "$W/root/bin" || fail "mkdir $W/root/bin"
as_user cp "$P/static-pie" "$W/root/bin/hello" || fail "copying into $W/root"
out=$(traced -r "$W/root" -- /bin/hello 2>&1); st=$?
check_eq "0 hello from a static PIE" "$st $out" "static-pie in a guest root"
exit 0
