# File capabilities: setcap then getcap round-trips (one capability, several
# with eip), the raw security.capability value is the one real root's
# setcap leaves, getcap -r finds them, setcap -r removes one, they last into
# a second run; chown clears the capability (and setuid), as the kernel
# does.  Oracle: the same commands as real root.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/fakeroot/lib-fakeroot.sh"

[ -x /usr/sbin/setcap ] && [ -x /usr/sbin/getcap ] || skip "setcap/getcap missing (Debian: libcap2-bin)"

make='
touch f g h k
chmod 755 f g h k
setcap cap_net_raw+ep f
setcap cap_net_admin,cap_sys_time+eip g
setcap cap_chown+p h
setcap cap_kill+ep k
getcap f g h k
"$F/xattrs" get f security.capability
"$F/xattrs" get g security.capability
setcap -r k
getcap k; echo "getcap k after setcap -r: $?"
chmod 4755 h
chown 1:2 h
getcap h; echo "getcap h after chown: $?"
stat -c "%n %u %g %a" h
'
show='
getcap -r . | sort
"$F/xattrs" get h security.capability || echo "no capability on h"
'
scene caps
oracle1=- oracle2=-
if is_root; then
	on_root "$make$show" >"$T/o1"
	on_root "$show" >"$T/o2"
	oracle1="$T/o1" oracle2="$T/o2"
fi
on_traced -- "$make$show" >"$T/t1"
on_traced -- "$show" >"$T/t2"
compare "setcap, getcap, chown" "$oracle1" "$T/t1" <<'EOT'
f cap_net_raw=ep
g cap_net_admin,cap_sys_time=eip
h cap_chown=p
k cap_kill=ep
0100000200200000000000000000000000000000
0100000200100002001000020000000000000000
getcap k after setcap -r: 0
getcap h after chown: 0
h 1 2 755
./f cap_net_raw=ep
./g cap_net_admin,cap_sys_time=eip
get: ENODATA
no capability on h
exit=0
EOT
compare "capabilities in a second run" "$oracle2" "$T/t2" <<'EOT'
./f cap_net_raw=ep
./g cap_net_admin,cap_sys_time=eip
get: ENODATA
no capability on h
exit=0
EOT
exit 0
