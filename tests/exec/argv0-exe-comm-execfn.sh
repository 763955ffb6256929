# A dynamic PIE (built against the host's glibc, run in a root holding copies
# of the host's ld.so and libc.so.6) sees its exec as under a real chroot,
# however it was called: argv, readlink /proc/self/exe, the file opened as
# /proc/self/exe (an ELF header; the guest program's own inode),
# /proc/self/comm, getauxval(AT_EXECFN), AT_SECURE == 0, its constructor run
# once.  Called directly, by PATH lookup (iamroot-run's own and execvp's),
# by a relative path (./probe, ../bin/probe, a bare name with execv),
# through symlinks (argv[0] and comm the link's name, exe the target), with
# an argv[0] of its own, under a name longer than comm keeps, from paths
# shorter and longer than the loader's (a script among them, whose
# AT_EXECFN is its own path), and with the loader run as the program
# (ld.so /bin/probe).
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/exec/lib-exec.sh"

R="$W/root"
LONGDIR=/opt/a-directory-name-long-enough-to-be-longer-than-any-loader-path/and/deeper/still
glibc_root "$R"
install_as_user "$EXEC_PROGS/probe" "$R/usr/bin/probe"
install_as_user "$EXEC_PROGS/probe" "$R$LONGDIR/probe"
as_user sh -c '
	set -e
	cd "$1"
	ln -s probe usr/bin/link
	ln -s probe usr/bin/a-very-long-program-name
	mkdir -p usr/local/bin
	ln -s /bin/probe usr/local/bin/alias
	ln -s usr/bin/probe p
	printf "#!/bin/probe show\n" >"$1$2/script"
	chmod 755 "$1$2/script"' sh "$R" "$LONGDIR" || fail "laying out $R"

P3=PATH=/usr/local/bin:/usr/bin:/bin
cases() {
	tcase "direct: /bin/probe" /bin/probe show --exe=/bin/probe
	tcase "direct: /usr/bin/probe" /usr/bin/probe show --exe=/bin/probe
	tcase "PATH lookup by iamroot-run: probe ($P3)" "$P3" probe show --exe=/bin/probe
	tcase "PATH lookup by iamroot-run: probe (PATH=/bin)" PATH=/bin probe show --exe=/bin/probe
	tcase "direct through a symlink: /bin/link" /bin/link show --exe=/bin/probe
	tcase "direct through an absolute symlink: /usr/local/bin/alias" \
		/usr/local/bin/alias show --exe=/bin/probe
	tcase "direct, a short path: /p" /p show --exe=/bin/probe
	tcase "direct, a long path: $LONGDIR/probe" "$LONGDIR/probe" show --exe="$LONGDIR/probe"
	tcase "direct, a name longer than comm: /bin/a-very-long-program-name" \
		/bin/a-very-long-program-name show --exe=/bin/probe
	tcase "execv /bin/probe" /bin/probe exec execv /bin/probe /bin/probe show --exe=/bin/probe
	tcase "execv /bin/probe with argv[0] 'renamed'" \
		/bin/probe exec execv /bin/probe renamed show --exe=/bin/probe
	tcase "execv /bin/probe with an empty argv[0]" \
		/bin/probe exec execv /bin/probe "" show --exe=/bin/probe
	tcase "execvp probe (PATH=/bin)" \
		/bin/probe setenv PATH=/bin exec execvp probe probe show --exe=/bin/probe
	tcase "execvp probe ($P3)" \
		/bin/probe setenv "$P3" exec execvp probe probe show --exe=/bin/probe
	tcase "execvp probe (PATH=/nonexistent:usr/local/bin:bin, relative entries, cwd /)" \
		/bin/probe cd / setenv PATH=/nonexistent:usr/local/bin:bin exec execvp probe probe show --exe=/bin/probe
	tcase "execvp link ($P3)" \
		/bin/probe setenv "$P3" exec execvp link link show --exe=/bin/probe
	tcase "execv ./probe in /bin" /bin/probe cd /bin exec execv ./probe ./probe show --exe=/bin/probe
	tcase "execv probe (no slash, not looked up) in /usr/bin" \
		/bin/probe cd /usr/bin exec execv probe probe show --exe=/bin/probe
	tcase "execv ../bin/probe in /etc" /bin/probe cd /etc exec execv ../bin/probe ../bin/probe show --exe=/bin/probe
	tcase "execv ./link in /bin" /bin/probe cd /bin exec execv ./link ./link show --exe=/bin/probe
	tcase "execv /bin/link" /bin/probe exec execv /bin/link /bin/link show --exe=/bin/probe
	tcase "execv /usr/local/bin/alias" \
		/bin/probe exec execv /usr/local/bin/alias alias show --exe=/bin/probe
	tcase "execv /p" /bin/probe exec execv /p /p show --exe=/bin/probe
	tcase "execv $LONGDIR/probe" \
		/bin/probe exec execv "$LONGDIR/probe" "$LONGDIR/probe" show --exe="$LONGDIR/probe"
	tcase "execv ./probe in $LONGDIR" \
		/bin/probe cd "$LONGDIR" exec execv ./probe ./probe show --exe="$LONGDIR/probe"
	tcase "a script at a long path, its interpreter a dynamic program: $LONGDIR/script" \
		"$LONGDIR/script"
	tcase "execv ../..$LONGDIR/probe in /usr/bin (longer than any loader path)" \
		/bin/probe cd /usr/bin exec execv "../..$LONGDIR/probe" probe show --exe="$LONGDIR/probe"
	tcase "execv /bin/a-very-long-program-name" /bin/probe exec execv \
		/bin/a-very-long-program-name /bin/a-very-long-program-name show --exe=/bin/probe
	tcase "two hops: execv /bin/link, then execv ./probe in /usr/bin" \
		/bin/probe exec execv /bin/link link cd /usr/bin exec execv ./probe ./probe show --exe=/bin/probe
	tcase "the loader run as a program: /lib64/ld-linux-x86-64.so.2 /bin/probe" \
		/lib64/ld-linux-x86-64.so.2 /bin/probe show --exe=/lib64/ld-linux-x86-64.so.2
	tcase "execv /lib64/ld-linux-x86-64.so.2 /bin/link" /bin/probe exec execv \
		/lib64/ld-linux-x86-64.so.2 ld.so /bin/link show --exe=/lib64/ld-linux-x86-64.so.2
	tcase "execv of a missing program" /bin/probe exec execv /bin/missing missing show
	tcase "iamroot-run runs a missing program" /bin/missing show
}
compare_modes argv0-exe-comm-execfn \
	"what a dynamic program sees of its exec differs from a real chroot" cases
exit 0
