# What ps, pgrep and top read of a guest program, /proc/PID/cmdline (its own
# and as another process reads it) and /proc/PID/comm, is what
# a real chroot shows: the program's argv, not the loader's command line
# (`ld.so --argv0 ARGV0 PROGRAM ...`) nor a host path.  For a dynamic
# program (host glibc copied into the root), directly, through a symlink
# and after execv, and for a static one, and for a script.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/exec/lib-exec.sh"

R="$W/root"
glibc_root "$R"
install_as_user "$EXEC_PROGS/probe" "$R/usr/bin/probe"
install_as_user "$EXEC_PROGS/probe-static" "$R/usr/bin/pstatic"
as_user sh -c '
	set -e
	cd "$1"
	ln -s probe usr/bin/link
	mkdir -p s
	printf "#!/bin/probe cmdline\n" >s/script
	chmod 755 s/script' sh "$R" || fail "laying out $R"

cases() {
	tcase "dynamic: /bin/probe cmdline" /bin/probe cmdline
	tcase "dynamic through a symlink: /bin/link cmdline" /bin/link cmdline
	tcase "dynamic after execv with argv[0] 'renamed'" /bin/probe exec execv /bin/probe renamed cmdline
	tcase "dynamic in /bin: execv ./probe" /bin/probe cd /bin exec execv ./probe ./probe cmdline
	tcase "static: /bin/pstatic cmdline" /bin/pstatic cmdline
	tcase "static after execv of the dynamic one" /bin/pstatic exec execv /bin/probe probe cmdline
	tcase "a script whose interpreter is dynamic" /bin/probe exec execv /s/script script x
}
compare_modes cmdline-as-ps-sees-it \
	"/proc/PID/cmdline of a guest program differs from a real chroot's" cases
exit 0
