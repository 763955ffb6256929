# After a process changes its ids (setpriv --reuid/--regid, setresuid and
# setresgid, seteuid only, setfsuid only), the files, directories, fifos and
# symlinks it makes (open, openat2, O_TMPFILE, mkdir, mknod, symlink) are owned by its
# (fs) uid and gid, in this run and the
# next (fakeroot's trap: they stay 0:0); also once a device node exists
# (the first line makes one, as a root file system has /dev/null).  Oracle: the same commands as real
# root.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/fakeroot/lib-fakeroot.sh"

make='
mknod null c 1 3
chmod 1777 .
setpriv --reuid=1000 --regid=1000 --clear-groups touch x
setpriv --reuid=1000 --regid=1000 --clear-groups mkdir y
setpriv --reuid=1000 --regid=1000 --clear-groups mkfifo z
setpriv --reuid=1000 --regid=1000 --clear-groups ln -s x w
setpriv --reuid=1000 --regid=1000 --clear-groups sh -c "echo >r"
"$F/idseq" setresgid=100,100,100 setresuid=1001,1001,1001 create=v mkdir=vd create2=o2,640 tmpfile=.,t1
"$F/idseq" setfsuid=1002 setfsgid=102 create=fs
"$F/idseq" setegid=103 seteuid=1003 create=e
'
show='
stat -c "%n %u %g %a %F" x y z w r v vd o2 t1 fs e
'
scene setuid
oracle1=- oracle2=-
if is_root; then
	on_root "$make$show" >"$T/o1"
	on_root "$show" >"$T/o2"
	oracle1="$T/o1" oracle2="$T/o2"
fi
on_traced -- "$make$show" >"$T/t1"
on_traced -- "$show" >"$T/t2"
expected_show='x 1000 1000 644 regular empty file
y 1000 1000 755 directory
z 1000 1000 644 fifo
w 1000 1000 777 symbolic link
r 1000 1000 644 regular file
v 1001 100 644 regular empty file
vd 1001 100 755 directory
o2 1001 100 640 regular empty file
t1 1001 100 640 regular empty file
fs 1002 102 644 regular empty file
e 1003 103 644 regular empty file
exit=0'
compare "files made after a change of ids" "$oracle1" "$T/t1" <<EOT
setresgid=100,100,100: ok
  uid 0 0 0 fs 0  gid 100 100 100 fs 100  groups 0  caps eff a80425fb perm a80425fb
setresuid=1001,1001,1001: ok
  uid 1001 1001 1001 fs 1001  gid 100 100 100 fs 100  groups 0  caps eff 0 perm 0
create=v: ok  1001 100 100644
mkdir=vd: ok  1001 100 40755
create2=o2,640: ok  1001 100 100640
tmpfile=.,t1: ok  1001 100 100640
setfsuid=1002: old 0 ok
  uid 0 0 0 fs 1002  gid 0 0 0 fs 0  groups 0  caps eff a00425e0 perm a80425fb
setfsgid=102: old 0 ok
  uid 0 0 0 fs 1002  gid 0 0 0 fs 102  groups 0  caps eff a00425e0 perm a80425fb
create=fs: ok  1002 102 100644
setegid=103: ok
  uid 0 0 0 fs 0  gid 0 103 0 fs 103  groups 0  caps eff a80425fb perm a80425fb
seteuid=1003: ok
  uid 0 1003 0 fs 1003  gid 0 103 0 fs 103  groups 0  caps eff 0 perm a80425fb
create=e: ok  1003 103 100644
$expected_show
EOT
compare "the same in a second run" "$oracle2" "$T/t2" <<EOT
$expected_show
EOT
exit 0
