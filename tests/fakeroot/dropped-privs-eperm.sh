# A process that dropped root (setresuid/setuid to 1000, or setpriv) gets
# EPERM from chown of another's file, from chown to another uid or to a
# group it is not in, from chmod of another's file, and from mknod of a
# device; it may chown its own file to a group it is in; chmod g+s of its
# file whose group it is not in silently drops the setgid bit; with only
# the effective uid dropped (seteuid) it can get root back and chown again.
# Nothing the refused calls asked for shows afterwards.  Oracle: the same
# commands as real root.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/fakeroot/lib-fakeroot.sh"

root_vs_traced "calls refused after dropping root" '
chmod 1777 .
touch mine theirs other t3
chown 3000:3000 t3
chown 1000:1000 mine
chown 2000:2000 theirs
chown 1000:2000 other
"$F/idseq" setgroups=100 setresgid=1000,1000,1000 setresuid=1000,1000,1000 \
	chown=theirs,1000,1000 chown=mine,0,-1 chown=mine,-1,0 chown=mine,-1,2000 \
	chown=mine,-1,100 chown=mine,1000,-1 chmod=theirs,777 chmod=other,2755 \
	chmod=mine,4755 stat=mine stat=other stat=theirs setuid=0
"$F/idseq" seteuid=1000 chown=theirs,1000,1000 chmod=theirs,600 seteuid=0 \
	chown=theirs,1000,1000 stat=theirs
setpriv --reuid=1000 --regid=1000 --clear-groups chown 0 mine
setpriv --reuid=1000 --regid=1000 --clear-groups mknod dev c 1 3
setpriv --reuid=1000 --regid=1000 --clear-groups chmod 777 t3
stat -c "%n %u %g %a" mine other theirs t3
ls dev 2>/dev/null || echo "no dev"
' <<'EOT'
setgroups=100: ok
  uid 0 0 0 fs 0  gid 0 0 0 fs 0  groups 100  caps eff a80425fb perm a80425fb
setresgid=1000,1000,1000: ok
  uid 0 0 0 fs 0  gid 1000 1000 1000 fs 1000  groups 100  caps eff a80425fb perm a80425fb
setresuid=1000,1000,1000: ok
  uid 1000 1000 1000 fs 1000  gid 1000 1000 1000 fs 1000  groups 100  caps eff 0 perm 0
chown=theirs,1000,1000: EPERM
chown=mine,0,-1: EPERM
chown=mine,-1,0: EPERM
chown=mine,-1,2000: EPERM
chown=mine,-1,100: ok
chown=mine,1000,-1: ok
chmod=theirs,777: EPERM
chmod=other,2755: ok
chmod=mine,4755: ok
stat=mine: ok  1000 100 104755
stat=other: ok  1000 2000 100755
stat=theirs: ok  2000 2000 100644
setuid=0: EPERM
  uid 1000 1000 1000 fs 1000  gid 1000 1000 1000 fs 1000  groups 100  caps eff 0 perm 0
seteuid=1000: ok
  uid 0 1000 0 fs 1000  gid 0 0 0 fs 0  groups 0  caps eff 0 perm a80425fb
chown=theirs,1000,1000: EPERM
chmod=theirs,600: EPERM
seteuid=0: ok
  uid 0 0 0 fs 0  gid 0 0 0 fs 0  groups 0  caps eff a80425fb perm a80425fb
chown=theirs,1000,1000: ok
stat=theirs: ok  1000 1000 100644
chown: changing ownership of 'mine': Operation not permitted
mknod: dev: Operation not permitted
chmod: changing permissions of 't3': Operation not permitted
mine 1000 100 4755
other 1000 2000 755
theirs 1000 1000 644
t3 3000 3000 644
no dev
exit=0
EOT
exit 0
