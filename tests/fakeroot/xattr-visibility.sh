# Extended attributes as root sees them: user.* set inside is on the file
# and listed; the store's own user.iamroot.* (present on a chowned file) are
# invisible to listxattr, llistxattr and flistxattr (so getfattr -d -m -
# and tar --xattrs do not see them) and read as ENODATA; security.selinux
# and trusted.* round-trip through set/get/list/remove on a file, and
# security.* on a symlink and a fifo (where the kernel refuses user.*), in
# this run and the next.  Oracle: the same commands as real root.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/fakeroot/lib-fakeroot.sh"

ctx=73797374656d5f753a6f626a6563745f723a746d705f743a733000	# system_u:object_r:tmp_t:s0
ctx2=73797374656d5f753a6f626a6563745f723a62696e5f743a733000	# system_u:object_r:bin_t:s0
make='
x() { echo "xattrs $*: $("$F/xattrs" "$@" | tr "\n" " ")"; }
touch f
chown 5:6 f
chmod 4750 f
ln -s f sl
mkfifo p
chown 7:8 p
x set f user.foo 626172
x set f security.selinux '$ctx'
x set f trusted.t 0102
x set f trusted.gone 03
x remove f trusted.gone
x lset sl security.selinux '$ctx2'
x lset sl user.x 01
x lset p security.selinux '$ctx'
x lset p user.x 01
x get f trusted.gone
'
show='
x() { echo "xattrs $*: $("$F/xattrs" "$@" | tr "\n" " ")"; }
x list f
x llist f
x flist f
x list sl
x llist sl
x llist p
x get f user.foo
x get f security.selinux
x fget f security.selinux
x get f trusted.t
x get f user.iamroot.uid
x get f user.iamroot.gid
x get f user.iamroot.mode
x lget sl security.selinux
x get sl security.selinux
x lget p security.selinux
x lget p user.iamroot.uid
stat -c "%n %u %g %a" f p
'
scene xattr
oracle1=- oracle2=-
if is_root; then
	on_root "$make$show" >"$T/o1"
	on_root "$show" >"$T/o2"
	oracle1="$T/o1" oracle2="$T/o2"
fi
on_traced -- "$make$show" >"$T/t1"
on_traced -- "$show" >"$T/t2"
expected_show="xattrs list f: security.selinux trusted.t user.foo 
xattrs llist f: security.selinux trusted.t user.foo 
xattrs flist f: security.selinux trusted.t user.foo 
xattrs list sl: security.selinux trusted.t user.foo 
xattrs llist sl: security.selinux 
xattrs llist p: security.selinux 
xattrs get f user.foo: 626172 
xattrs get f security.selinux: $ctx 
xattrs fget f security.selinux: $ctx 
xattrs get f trusted.t: 0102 
xattrs get f user.iamroot.uid: get: ENODATA 
xattrs get f user.iamroot.gid: get: ENODATA 
xattrs get f user.iamroot.mode: get: ENODATA 
xattrs lget sl security.selinux: $ctx2 
xattrs get sl security.selinux: $ctx 
xattrs lget p security.selinux: $ctx 
xattrs lget p user.iamroot.uid: get: ENODATA 
f 5 6 4750
p 7 8 644
exit=0"
compare "xattrs set, then seen" "$oracle1" "$T/t1" <<EOT
xattrs set f user.foo 626172: 
xattrs set f security.selinux $ctx: 
xattrs set f trusted.t 0102: 
xattrs set f trusted.gone 03: 
xattrs remove f trusted.gone: 
xattrs lset sl security.selinux $ctx2: 
xattrs lset sl user.x 01: set: EPERM 
xattrs lset p security.selinux $ctx: 
xattrs lset p user.x 01: set: EPERM 
xattrs get f trusted.gone: get: ENODATA 
$expected_show
EOT
compare "xattrs in a second run" "$oracle2" "$T/t2" <<EOT
$expected_show
EOT
exit 0
