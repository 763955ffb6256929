# The iamroot project's on-disk format works both ways.  A tree whose
# metadata iamroot wrote (user.iamroot.uid/gid/mode as raw 4-byte
# little-endian values, user.iamroot.security.capability; set here from
# outside, as the real user, with the xattrs helper) shows those owners,
# modes and capabilities inside; a value of the wrong size is ignored, as
# iamroot ignores it.  And what iamroot-run records for chown and chmod is
# read back raw from outside in that format (mode without type bits).
# Oracle: the exact values (this is a file format, not a kernel behaviour).
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/fakeroot/lib-fakeroot.sh"

scene iamroot
x() { as_user "$F/xattrs" "$@" >/dev/null || fail "xattrs $*"; }
(
	cd "$TD" || exit 1
	as_user sh -c 'touch f g h k bad bin; mkdir d; chmod 755 bin' || exit 1
	x setu32 f user.iamroot.uid 1234
	x setu32 f user.iamroot.gid 5678
	x setu32 f user.iamroot.mode 04751
	x setu32 d user.iamroot.uid 0
	x setu32 d user.iamroot.gid 50
	x setu32 d user.iamroot.mode 02775
	x setu32 g user.iamroot.uid 1000
	x setu32 h user.iamroot.mode 0600
	x setu32 k user.iamroot.uid 4294967294
	x setu32 k user.iamroot.gid 3000000000
	x set bad user.iamroot.uid 0700	# 2 bytes: not iamroot's
	x set bad user.iamroot.gid 070000000000	# 6 bytes
	# security.capability cap_net_raw=ep (VFS_CAP_REVISION_2), as iamroot keeps it
	x set bin user.iamroot.security.capability 0100000200200000000000000000000000000000
) || fail "writing iamroot's xattrs from outside"
on_traced -- 'stat -c "%n %u %g %a %F" bad d f g h k; getcap bin' >"$T/t1"
compare "a tree written in iamroot's format, seen inside" - "$T/t1" <<'EOT'
bad 0 0 644 regular empty file
d 0 50 2775 directory
f 1234 5678 4751 regular empty file
g 1000 0 644 regular empty file
h 0 0 600 regular empty file
k 4294967294 3000000000 644 regular empty file
bin cap_net_raw=ep
exit=0
EOT

on_traced -- 'touch n; chown 42:43 n; chmod 640 n; mkdir e; chown 7:8 e; chmod 2755 e
	touch big; chown 4000000000:4000000001 big; touch cap; chmod 755 cap; setcap cap_kill+ep cap' >"$T/t2"
compare "chown, chmod, setcap" - "$T/t2" <<'EOT'
exit=0
EOT
(
	cd "$TD" || exit 1
	for f in n e big; do
		for a in uid gid mode; do
			[ "$f$a" = bigmode ] && continue	# not changed: may or may not be kept
			printf '%s %s ' "$f" "$a"
			as_user "$F/xattrs" get "$f" "user.iamroot.$a"
		done
	done
	printf 'cap '
	as_user "$F/xattrs" get cap user.iamroot.security.capability
) >"$T/raw" 2>&1
compare "what iamroot-run wrote, read raw from outside" - "$T/raw" <<'EOT'
n uid 2a000000
n gid 2b000000
n mode a0010000
e uid 07000000
e gid 08000000
e mode ed050000
big uid 00286bee
big gid 01286bee
cap 0100000220000000000000000000000000000000
EOT
exit 0
