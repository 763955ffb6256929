# End to end: one script builds a tree as real root, and again as an
# unprivileged user under iamroot-run (owners of files and of a symlink, a
# setuid binary, device nodes, a fifo, a sticky directory, a hard link).
# The second, read through the store by its builder, equals the first: 100%.
# So does the tarball tar makes of it under iamroot-run.
. "$SRCDIR/tests/treecmp/lib-treecmp.sh"
need_root "build the real-root tree"

build='set -e
mkdir -p etc bin dev tmp home/user
echo "root:x:0:0::/root:/bin/sh" >etc/passwd
echo secret >etc/shadow
chown 0:42 etc/shadow
chmod 640 etc/shadow
printf "#!/bin/sh\n" >bin/su
chmod 4755 bin/su
ln bin/su bin/su-again
ln -s su bin/sux
chown -h 7:8 bin/sux
mknod dev/null c 1 3
chmod 666 dev/null
mknod dev/sda b 8 0
chgrp 6 dev/sda
chmod 660 dev/sda
mkfifo tmp/fifo
chmod 1777 tmp
echo hi >home/user/notes
chown -R 1000:1000 home/user'

mkdir "$T/real" && (cd "$T/real" && sh -c "$build") || fail "building as root"
as_user mkdir "$W/built" || fail "mkdir"
traced -w "$W/built" -- /bin/sh -c "$build" || fail "building under iamroot-run"

# The builder reads its tree through the store ($IAMROOT_RUN_STORE), against
# real root's tarball (etc/shadow is not for it to read in the real tree).
tar --xattrs -C "$T/real" -cpf "$T/real.tar" . || fail "tar as root"
OUT=$(as_user "$TC" --fake "$W/built" "$T/real.tar" 2>&1); ST=$?
[ "$ST" = 0 ] || fail "fake view against real root: exit $ST:
$OUT"
case "$OUT" in "summary: 16 entries, 16 identical, "*" 0 differences: fidelity 100.00%") ;;
*) fail "not 100%: $OUT" ;; esac
# Root reads it for the builder, against the real tree.
expect_same --real-ids "$TEST_UID:$TEST_GID" --fake "$W/built" "$T/real"
# Read as it is, it is all the builder's.
OUT=$(as_user "$TC" "$W/built" "$T/real.tar" 2>&1); ST=$?
[ "$ST" = 1 ] || fail "read as it is: exit $ST: $OUT"
printf '%s\n' "$OUT" | grep -qxF "bin/sux: owner: $TEST_UID != 7" || fail "read as it is: $OUT"

# tar under iamroot-run records what the fake root sees.
traced -w "$W/built" -- tar --xattrs -cpf "$W/built.tar" . || fail "tar under iamroot-run"
expect_same "$W/built.tar" "$T/real"
exit 0
