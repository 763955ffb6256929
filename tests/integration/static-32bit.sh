# Static i386 programs (the i386 syscall ABI on the x86_64 kernel) run under
# iamroot-run as natively: output, exit codes, 8 threads of syscalls; and in a
# guest root (-r DIR), where their path arguments are rewritten.
. "$SRCDIR/tests/lib.sh"

[ -x "$P/static-hello-32" ] || skip "no i386 programs (i686-linux-gnu-gcc not found at build time)"

out=$(traced -- "$P/static-hello-32" 2>&1); st=$?
check_eq "0 hello from a static binary" "$st $out" "static-hello-32"
same_as_native "$P/static-hello-32"
for code in 0 7 255; do
	traced -- "$P/exit-code-32" "$code"; st=$?
	check_eq "$code" "$st" "exit status of exit-code-32 $code"
done
out=$(traced -- "$P/threads-32" "$P/threads-32" 2>&1); st=$?
check_eq "0 threads: 8 threads x 2000 iterations, 16000 writes, ok" "$st $out" "threads-32"
same_as_native "$P/threads-32" /

as_user mkdir -p "$W/root/bin" || fail "mkdir $W/root/bin"
for prog in static-hello-32 threads-32; do
	as_user cp "$P/$prog" "$W/root/bin/$prog" || fail "copying $prog into $W/root"
done
out=$(traced -r "$W/root" -- /bin/static-hello-32 2>&1); st=$?
check_eq "0 hello from a static binary" "$st $out" "static-hello-32 in a guest root"
out=$(traced -r "$W/root" -- /bin/threads-32 /bin/threads-32 2>&1); st=$?
check_eq "0 threads: 8 threads x 2000 iterations, 16000 writes, ok" "$st $out" \
	"threads-32 in a guest root"
exit 0
