# vfork + execve, vfork + execve of a missing file, vfork + _exit, and
# posix_spawn (clone CLONE_VM|CLONE_VFORK) give the same statuses as natively;
# also for the i386 build when there is one.
. "$SRCDIR/tests/lib.sh"

for prog in vfork-exec vfork-exec-32; do
	[ -x "$P/$prog" ] || continue
	out=$(traced -- "$P/$prog" /bin/true /bin/sh 2>&1); st=$?
	check_eq "0 vfork-exec: ok" "$st $out" "$prog"
	same_as_native "$P/$prog" /bin/true /bin/sh
	# A failing exec target must be reported as natively (status 1).
	same_as_native "$P/$prog" /bin/false /bin/sh
done
exit 0
