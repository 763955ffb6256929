# chroot(2) inside the root works as root's does under a real chroot: into
# /n1, then nested into /n1/n2 through an absolute symlink seen inside n1;
# absolute symlinks, `..`, fork and exec resolve inside the innermost root;
# getcwd says "(unreachable)" while the cwd is outside it; and the way dnf
# and rpm leave an install root (keep an fd of "/", chroot, later fchdir(fd)
# and chroot(".")) brings the process back to the outer root, and `..` goes
# no further than it.  Compared with the static program `nestchroot` under a
# real chroot, whose "(unreachable)" paths name the host's directories: the
# oracle's host path of the root is cut, as if the root were the machine's
# "/", which is what iamroot-run should show.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/integration/lib-root.sh"
. "$SRCDIR/tests/vroot/lib-vroot.sh"

layout() {
	vroot_make "$1"
	vroot_install nestchroot "$1"
	as_user sh -c '
		set -e
		cd "$1"
		mkdir -p n1/n2/sub
		echo outer >marker
		echo n1 >n1/marker
		echo n2 >n1/n2/marker
		ln -s /marker n1/abs
		ln -s /n2 n1/ln2' sh "$1" || fail "laying out $1"
	vroot_install nestchroot "$1" /n1/n2/nestchroot
}

R="$W/root"
layout "$R"
run_to "$T/traced" traced -r "$R" -- /nestchroot

oracle=
if is_root; then
	O="$W/oracle"
	layout "$O"
	run_to "$T/oracle.raw" oracle_chroot "$O" /nestchroot
	sed -e "s|(unreachable)$O/|(unreachable)/|g" -e "s|(unreachable)$O\"|(unreachable)/\"|g" \
		"$T/oracle.raw" >"$T/oracle"
	oracle="$T/oracle"
fi
check_transcript nestchroot "$T/traced" "$oracle" "nested chroot under iamroot-run differs from a real chroot"
exit 0
