# `#!` scripts in a guest root behave as the kernel's binfmt_script makes
# them behave under a real chroot (output, argv, errno, exit status):
# `#!/bin/sh -e` (the rest of the line is one argument), an optional
# argument longer than the 256 bytes the kernel reads (truncated), an
# interpreter name longer than that (ENOEXEC), `#!` followed by only spaces
# or nothing (ENOEXEC), spaces and tabs around the interpreter and inside the
# argument, a CR before the newline (part of the name: ENOENT), a relative
# interpreter (from the cwd), `#!//../../bin/sh`, scripts nested 5 deep
# (works) and 6 deep (ELOOP), a script naming itself (ELOOP), an interpreter
# that is missing (ENOENT), a directory or not executable (EACCES), a text
# file without `#!` (execve: ENOEXEC; sh runs it as a script), a directory
# and a file without x bit run (EACCES), and $0 is the path as invoked (a
# symlink's name, a relative path, what a PATH lookup found), argv[0] given
# by the caller being dropped; a script run by execveat relative to a
# directory fd or by fexecve reaches its interpreter by a path that works
# (/dev/fd/N/NAME, /dev/fd/N), and fexecve of a script from an O_CLOEXEC fd
# fails with ENOENT.  In a busybox root; the exec tool is a static probe at
# /x.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/integration/lib-root.sh"
. "$SRCDIR/tests/exec/lib-exec.sh"

R="$W/root"
make_root "$R"
install_as_user "$EXEC_PROGS/probe-static" "$R/x"
as_user sh -c '
	set -e
	cd "$1"
	mkdir -p proc s dev
	ln -s /proc/self/fd dev/fd
	a300=$(printf "%0300d" 0 | tr 0 a)
	w60=$(printf "word%.0s " $(seq 60))
	d300=$(printf "%0300d" 0 | tr 0 d)
	s300=$(printf "%0300d" 0 | tr 0 " ")
	mk() { f=$1; shift; printf "$@" >"s/$f"; chmod 755 "s/$f"; }
	mk e "#!/bin/sh -e\necho \"0=\$0 1=\$1 #=\$#\"\nfalse\necho after-false\n"
	mk long-arg "#!/bin/echo %s\n" "$a300"
	mk long-arg-words "#!/bin/echo %s\n" "$w60"
	mk long-interp "#!/%s\n" "$d300"
	mk long-spaces "#!/bin/echo%sx\n" "$s300"
	mk spaces-only "#!     \n"
	mk bare "#!\n"
	mk args "#!/bin/echo  a  b\t c  \n"
	mk tabs "#!\t/bin/echo\tx\n"
	mk crlf "#!/bin/sh\r\necho crlf\r\n"
	mk relative "#!bin/echo relative-interpreter\n"
	mk dotdot "#!//../../bin/sh\necho \"dotdot 0=\$0 args=\$*\"\n"
	mk n1 "#!/bin/echo n1\n"
	for i in 2 3 4 5 6 7; do mk n$i "#!/s/n$((i - 1)) arg$i\n"; done
	mk self "#!/s/self\n"
	mk plain "echo \"plain script 0=\$0 args=\$*\"\n"
	mk noexec "#!/bin/sh\necho noexec\n"
	chmod 644 s/noexec
	mk interp-noexec "#!/s/noexec\n"
	mk interp-dir "#!/s\n"
	mk interp-missing "#!/nonexistent/sh\n"
	mk dollar0 "#!/bin/sh\necho \"0=\$0 args=\$*\"\n"
	ln -s /s/dollar0 bin/d0link
	ln -s ../s/dollar0 s/rel-link' sh "$R" || fail "writing the scripts into $R"

# x FUNC PATH ARGV0 ARGS...: the static probe execs PATH.
cases() {
	tcase "#!/bin/sh -e" /x exec execv /s/e e one two
	tcase "argument longer than the kernel reads" /x exec execv /s/long-arg long-arg extra
	tcase "argument of words, longer than the kernel reads" /x exec execv /s/long-arg-words w extra
	tcase "interpreter name longer than the kernel reads" /x exec execv /s/long-interp li
	tcase "interpreter then 300 spaces, then x" /x exec execv /s/long-spaces ls extra
	tcase "#! and spaces only" /x exec execv /s/spaces-only so
	tcase "#! alone" /x exec execv /s/bare bare
	tcase "spaces and a tab inside the argument" /x exec execv /s/args args extra
	tcase "tabs around the interpreter" /x exec execv /s/tabs tabs
	tcase "CR before the newline" /x exec execv /s/crlf crlf
	tcase "relative interpreter, cwd /" /x cd / exec execv /s/relative relative
	tcase "relative interpreter, cwd /s" /x cd /s exec execv /s/relative relative
	tcase "#!//../../bin/sh" /x exec execv /s/dotdot dotdot a b
	tcase "nested 1 deep" /x exec execv /s/n1 n1 x
	tcase "nested 4 deep" /x exec execv /s/n4 n4 x
	tcase "nested 5 deep" /x exec execv /s/n5 n5 x
	tcase "nested 6 deep" /x exec execv /s/n6 n6 x
	tcase "nested 7 deep" /x exec execv /s/n7 n7 x
	tcase "a script naming itself" /x exec execv /s/self self
	tcase "interpreter not executable" /x exec execv /s/interp-noexec i
	tcase "interpreter a directory" /x exec execv /s/interp-dir i
	tcase "interpreter missing" /x exec execv /s/interp-missing i
	tcase "text without #!, execve" /x exec execv /s/plain plain a
	tcase "text without #!, run by sh" /bin/sh -c '/s/plain a b; echo "status $?"'
	tcase "a directory" /x exec execv /s dir
	tcase "a script without x bit" /x exec execv /s/noexec noexec
	tcase "sh runs what fails: status and message" /bin/sh -c '
		for f in /s/n6 /s/self /s/noexec /s /s/spaces-only /s/interp-missing; do
			$f 2>&1; echo "$f: status $?"
		done'
	tcase "\$0 through an absolute symlink" /x exec execv /bin/d0link d0link a b
	tcase "\$0 through a relative symlink" /x exec execv /s/rel-link whatever a
	tcase "\$0 through a symlink, relative path" /x cd /bin exec execv ./d0link d0link a
	tcase "\$0 with argv[0] of the caller's own" /x exec execv /s/dollar0 CUSTOM a
	tcase "\$0 after a PATH lookup by sh" /bin/sh -c 'PATH=/s:/bin; d0link x; dollar0 y'
	tcase "\$0 relative, ../s/dollar0 from /bin" /x cd /bin exec execv ../s/dollar0 z
	tcase "execveat(/s, dollar0): sh must find the script (cwd /)" /x exec execveat:/s dollar0 d0 a
	tcase "execveat(/bin, d0link): sh must find the script (cwd /)" /x exec execveat:/bin d0link d0 a
	tcase "fexecve(/s/dollar0): sh reads the script by its fd" /x exec fexecve /s/dollar0 d0 a
	tcase "fexecve(/s/dollar0, O_CLOEXEC): ENOENT" /x exec fexecve-cloexec /s/dollar0 d0 a
	tcase "iamroot-run runs #!/bin/sh -e" /s/e one
	tcase "iamroot-run runs a script 5 deep" /s/n5 x
	tcase "iamroot-run runs a script 6 deep" /s/n6 x
	tcase "iamroot-run runs a symlink to a script" /bin/d0link a
	tcase "iamroot-run runs text without #!" /s/plain a
}
compare_modes shebang "#! scripts run differently from a real chroot" cases
exit 0
