# A static (non-PIE) binary, which has no ELF interpreter, runs under
# iamroot-run as natively, and in a guest root holding nothing but itself.
. "$SRCDIR/tests/lib.sh"

out=$(traced -- "$P/static-hello" 2>&1); st=$?
check_eq "0 hello from a static binary" "$st $out" "static-hello"
same_as_native "$P/static-hello"

as_user mkdir -p "$W/root/bin" || fail "mkdir $W/root/bin"
as_user cp "$P/static-hello" "$W/root/bin/hello" || fail "copying into $W/root"
out=$(traced -r "$W/root" -- /bin/hello 2>&1); st=$?
check_eq "0 hello from a static binary" "$st $out" "static-hello in a guest root"
exit 0
