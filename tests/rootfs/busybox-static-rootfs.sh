# A static-binary root filesystem made from busybox-static (applet links,
# /dev nodes by mknod, owners by chown, a setuid binary) and packed with tar
# INSIDE: the archive lists as the one real root makes the same way, and
# the trees are the same for iamroot-treecmp.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/rootfs/lib-rootfs.sh"
[ "$(id -u)" = 0 ] || skip "the oracle is a build by real root"

cat >"$T/make.sh" <<'SH'
set -e
cd /
/bin/busybox --install -s /bin
mkdir -p dev etc home/alice tmp
mknod -m 666 dev/null c 1 3
mknod -m 620 dev/tty1 c 4 1
mknod -m 660 dev/sda b 8 0
mkfifo -m 600 dev/initctl
echo 'root:x:0:0:root:/root:/bin/sh' >etc/passwd
echo 'alice:x:1000:100::/home/alice:/bin/sh' >>etc/passwd
chown 1000:100 home/alice
chmod 1777 tmp
cp /bin/busybox bin/su-helper
chown 0:42 bin/su-helper
chmod 4755 bin/su-helper
tar -cpf /rootfs.tar bin dev etc home tmp
# mode, owner/group, size (or major,minor), name, link: not the dates
tar -tvf /rootfs.tar | awk '{ $4 = $5 = ""; print }' | sort
SH

mkroot() {
	mkdir -p "$1/bin"
	cp /bin/busybox "$1/bin/busybox"
	cp "$T/make.sh" "$1/make.sh"
}
mkroot "$T/real"
chroot "$T/real" /bin/busybox sh /make.sh >"$T/real.out" 2>&1 || fail "real root: $(tail -3 "$T/real.out")"
mkroot "$W/fake"
chown -R "$TEST_UID:$TEST_GID" "$W/fake"
traced -r "$W/fake" -- /bin/busybox sh /make.sh >"$T/fake.out" 2>&1 ||
	fail "under iamroot-run: $(tail -3 "$T/fake.out")"
grep -q 'dev/null' "$T/real.out" || fail "the oracle's listing has no /dev/null: $(cat "$T/real.out")"
diff "$T/real.out" "$T/fake.out" >"$T/diff" || fail "listings inside differ:
$(cat "$T/diff")"
# The archives themselves, as GNU tar lists them: numeric owners, device
# numbers, link targets; not the dates.
list() { tar --numeric-owner -tvf "$1" | awk '{ $4 = $5 = ""; print }' | sort; }
list "$T/real/rootfs.tar" >"$T/real.tv"
list "$W/fake/rootfs.tar" >"$T/fake.tv"
grep -q '^c.* 1,3 .*dev/null' "$T/real.tv" || fail "the oracle's archive has no device 1,3: $(head "$T/real.tv")"
diff "$T/real.tv" "$T/fake.tv" >"$T/diff" || fail "archives differ:
$(cat "$T/diff")"
# The trees (the archives left out: their dates differ).
same_by_treecmp "tree:$T/real" "fake:$W/fake" "busybox rootfs" -x rootfs.tar
