# tar -cpf of a tree made inside (owners, setuid/setgid modes, devices, a
# fifo, a symlink, a hard link), in a second run, records the fake owners, modes and device
# numbers: its listing is the listing of real root's archive of the same
# tree (dates left out); and tar -xpf of it inside (root restores owners,
# modes, devices), in a third run, gives the tree real root's extraction
# gives.  Oracle: the
# same commands as real root.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/fakeroot/lib-fakeroot.sh"

make='
mkdir t t/sub
echo hello >t/f
touch t/g
mknod t/c c 4 5
mknod t/b b 8 1
mkfifo t/p
ln -s f t/l
ln t/f t/hard
chown 1:2 t/f
chown 3:4 t/g
chmod 4755 t/g
chown -h 5:6 t/l
chown 7:8 t/c
chmod 600 t/c
chown 9:10 t/b
chown 11:12 t/p
chown 13:14 t/sub
chmod 2750 t/sub
'
pack='
tar --numeric-owner --sort=name -cpf a.tar t
'
unpack='
mkdir x
cd x && tar --numeric-owner -xpf ../a.tar && cd ..
find x -printf "%p %U %G %m %y %n\n" | sort
stat -c "%n %t %T" x/t/c x/t/b
'
# The archive's listing, read outside iamroot-run, without the dates.
listing() {
	tar --numeric-owner -tvf "$1" | sed -E 's/ [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2} / /'
}
scene tar
oracle=- olist=-
if is_root; then
	on_root "$make" >"$T/o0"
	on_root "$pack" >>"$T/o0"
	on_root "$unpack" >"$T/o1"
	listing "$OD/a.tar" >"$T/o-list" 2>&1
	oracle="$T/o1" olist="$T/o-list"
fi
on_traced -- "$make" >"$T/t0"
on_traced -- "$pack" >>"$T/t0"
on_traced -- "$unpack" >"$T/t1"
compare "making the tree, then tar -cpf in a second run" - "$T/t0" <<'EOT'
exit=0
exit=0
EOT
listing "$TD/a.tar" >"$T/t-list" 2>&1
compare "tar -tvf of the archive made inside" "$olist" "$T/t-list" <<'EOT'
drwxr-xr-x 0/0               0 t/
brw-r--r-- 9/10            8,1 t/b
crw------- 7/8             4,5 t/c
-rw-r--r-- 1/2               6 t/f
-rwsr-xr-x 3/4               0 t/g
hrw-r--r-- 1/2               0 t/hard link to t/f
lrwxrwxrwx 5/6               0 t/l -> f
prw-r--r-- 11/12             0 t/p
drwxr-s--- 13/14             0 t/sub/
EOT
compare "the tree tar -xpf extracts inside" "$oracle" "$T/t1" <<'EOT'
x 0 0 755 d 3
x/t 0 0 755 d 3
x/t/b 9 10 644 b 1
x/t/c 7 8 600 c 1
x/t/f 1 2 644 f 2
x/t/g 3 4 4755 f 1
x/t/hard 1 2 644 f 2
x/t/l 5 6 777 l 1
x/t/p 11 12 644 p 1
x/t/sub 13 14 2750 d 2
x/t/c 4 5
x/t/b 8 1
exit=0
EOT
exit 0
