# A root made by debootstrap under iamroot-run, then, in a SECOND run, apt
# installs a package with maintainer scripts, users and alternatives; dpkg -i
# of a downloaded .deb, dpkg --verify, adduser, passwd -l and
# update-alternatives work, and what the first run recorded is still there:
# the roots after it are the same tree (listing and iamroot-treecmp).  Both
# runs install from the local repository (tools/minbase-repo.sh, which holds
# what the second run installs too), so that reruns need no network.  The
# oracle is the same sequence run by real root in a real chroot.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/rootfs/lib-rootfs.sh"
[ "$(id -u)" = 0 ] || skip "the oracle is a build by real root"
command -v debootstrap >/dev/null || skip "debootstrap is not installed"
SUITE=$(suite)
minbase_repo

cat >"$T/second.sh" <<'SH'
export PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends sudo less >/dev/null || exit 1
cd /tmp && apt-get download -qq tree && dpkg -i tree_*.deb >/dev/null || exit 5
dpkg-query -W -f '${Package} ${Status}\n' tree
stat -c '%U:%G %a' /usr/bin/tree
adduser --disabled-password --gecos "" alice >/dev/null || exit 2
passwd -l alice >/dev/null || exit 3
dpkg --verify sudo less tree || exit 4
id alice
stat -c '%U:%G %a' /usr/bin/sudo /home/alice /etc/shadow
update-alternatives --query pager | grep -E '^(Name|Value|Status):'
grep '^alice:' /etc/passwd | cut -d: -f1,3,4,6,7
SH

# The second run reads the repository from a copy at /repo in the root,
# removed before the roots are compared.
debootstrap --no-check-gpg --variant=minbase "$SUITE" "$T/real" "file://$REPO" \
	>"$T/real.log" 2>&1 || fail "real root's debootstrap from $REPO: $(tail -3 "$T/real.log")"
echo "deb [trusted=yes] file:/repo $SUITE main" >"$T/sources.list"
cp "$T/sources.list" "$T/real/etc/apt/sources.list"
cp -r "$REPO" "$T/real/repo"
cp "$T/second.sh" "$T/real/second.sh"
# stdout compared; stderr is the environment's noise (a real chroot has no
# /dev/pts for apt's log, iamroot-run binds the host's by default)
chroot "$T/real" /bin/sh /second.sh >"$T/real.out" 2>"$T/real.err" ||
	fail "real root's second run: $(tail -3 "$T/real.err")"

traced -- debootstrap --no-check-gpg --variant=minbase "$SUITE" "$W/fake" "file://$REPO" \
	>"$T/fake.log" 2>&1 || fail "debootstrap under iamroot-run: $(tail -5 "$T/fake.log")"
traced -- cp "$T/sources.list" "$W/fake/etc/apt/sources.list"
traced -- cp -r "$REPO" "$W/fake/repo"
traced -- cp "$T/second.sh" "$W/fake/second.sh"
traced -r "$W/fake" -- /bin/sh /second.sh >"$T/fake.out" 2>"$T/fake.err" ||
	fail "second run under iamroot-run: $(tail -3 "$T/fake.err")"
diff "$T/real.out" "$T/fake.out" >"$T/diff" || fail "second runs differ:
$(cat "$T/diff")"
traced -- rm -r "$W/fake/second.sh" "$W/fake/repo" && rm -r "$T/real/second.sh" "$T/real/repo" ||
	fail "removing second.sh and /repo"
same_tree "$T/real" "$W/fake" "the roots after the second run"
