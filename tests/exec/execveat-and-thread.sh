# execveat(2) in a guest root behaves as under a real chroot, for a dynamic
# program (host glibc copied into the root) and for a script whose
# interpreter is one: AT_EMPTY_PATH on an fd opened O_RDONLY, O_PATH or
# O_CLOEXEC (fexecve; a script from an O_CLOEXEC fd fails with ENOENT, from
# another fd its interpreter gets /dev/fd/N), through a symlink; a path
# relative to a directory fd (also ../ and a symlink), an absolute path (the
# dirfd ignored), AT_SYMLINK_NOFOLLOW (ELOOP on a symlink), an empty path
# without AT_EMPTY_PATH (ENOENT).  And exec from a non-leader thread of a
# dynamic guest program: the new image keeps the leader's pid and has one
# thread; also for a script.  Each exec'd probe prints argv,
# /proc/self/exe, the file behind it, comm and AT_EXECFN.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/exec/lib-exec.sh"

R="$W/root"
glibc_root "$R"
install_as_user "$EXEC_PROGS/probe" "$R/usr/bin/probe"
as_user sh -c '
	set -e
	cd "$1"
	ln -s probe usr/bin/link
	mkdir -p s
	printf "#!/bin/probe show\n" >s/script
	chmod 755 s/script
	ln -s script s/script-link' sh "$R" || fail "laying out $R"

E=--exe=/bin/probe
cases() {
	tcase "fexecve /bin/probe (O_RDONLY)" /bin/probe exec fexecve /bin/probe probe show $E
	tcase "fexecve /bin/probe (O_RDONLY|O_CLOEXEC)" /bin/probe exec fexecve-cloexec /bin/probe probe show $E
	tcase "fexecve /bin/probe (O_PATH)" /bin/probe exec fexecve-opath /bin/probe probe show $E
	tcase "fexecve /bin/link (opened through the symlink)" /bin/probe exec fexecve /bin/link link show $E
	tcase "fexecve a script (O_RDONLY)" /bin/probe exec fexecve /s/script script a
	tcase "fexecve a script (O_RDONLY|O_CLOEXEC)" /bin/probe exec fexecve-cloexec /s/script script a
	tcase "fexecve a script (O_PATH)" /bin/probe exec fexecve-opath /s/script script a
	tcase "fexecve from a cwd elsewhere" /bin/probe cd /etc exec fexecve ../bin/probe probe show $E
	tcase "execveat(/bin, probe)" /bin/probe exec execveat:/bin probe probe show $E
	tcase "execveat(/, usr/bin/probe)" /bin/probe exec execveat:/ usr/bin/probe probe show $E
	tcase "execveat(/usr/bin, ../bin/link)" /bin/probe exec execveat:/usr/bin ../bin/link link show $E
	tcase "execveat(/etc, /bin/probe): absolute" /bin/probe exec execveat:/etc /bin/probe probe show $E
	tcase "execveat(/, s/script)" /bin/probe exec execveat:/ s/script script a
	tcase "execveat(/s, script-link)" /bin/probe exec execveat:/s script-link sl a
	tcase "execveat(/bin, link, AT_SYMLINK_NOFOLLOW)" /bin/probe exec execveat-nofollow:/bin link link show $E
	tcase "execveat(/, bin/link, AT_SYMLINK_NOFOLLOW)" /bin/probe exec execveat-nofollow:/ bin/link link show $E
	tcase "execveat(/, usr/bin/link, AT_SYMLINK_NOFOLLOW)" /bin/probe exec execveat-nofollow:/ usr/bin/link link show $E
	tcase "execveat(/bin, probe, AT_SYMLINK_NOFOLLOW)" /bin/probe exec execveat-nofollow:/bin probe probe show $E
	tcase "execveat(/bin, \"\") without AT_EMPTY_PATH" /bin/probe exec execveat:/bin "" probe show $E
	tcase "execveat(/bin, missing)" /bin/probe exec execveat:/bin missing probe show $E
	tcase "execv a script" /bin/probe exec execv /s/script script a
	tcase "execv from a non-leader thread" /bin/probe pid exec thread /bin/probe probe show $E
	tcase "execv through a symlink from a non-leader thread" /bin/probe pid exec thread /bin/link link show $E
	tcase "execv a script from a non-leader thread" /bin/probe pid exec thread /s/script script a
	tcase "execv from a thread, then fexecve, then from a thread again" /bin/probe pid exec thread \
		/bin/probe probe exec fexecve /bin/link link exec thread /bin/probe probe show $E
}
compare_modes execveat-and-thread "execveat or exec from a thread differs from a real chroot" cases
exit 0
