# Identity: id -u/-g/-G/-un/-gn show root; -u 1000:100 starts as that user
# (id, the owner of a new file, no capabilities, setuid(0) refused); and
# sequences of set*id calls (setuid, seteuid, setreuid, setresuid,
# setfsuid, the gid ones, setgroups, keepcaps, across exec and fork) give
# the same results, ids and capabilities as for real root, step by step.
# Oracle: the same commands as real root (with -u: as uid 1000, gid 100,
# groups 100).
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/fakeroot/lib-fakeroot.sh"

root_vs_traced "id as root" '
id -u; id -g; id -G; id -un; id -gn; id -ru; id -rg
' <<'EOT'
0
0
0
root
root
0
0
exit=0
EOT

as_1000='
id -u; id -g; id -G; id -ru
touch f; mkdir d; stat -c "%n %u %g" f d
"$F/idseq" ids setuid=0 setgroups=0 chown=f,0,0
'
scene user1000
oracle=-
if is_root; then
	chmod 1777 "$OD"
	(cd "$OD" && setpriv --reuid=1000 --regid=100 --groups=100 -- sh -c "$as_1000") >"$T/o-u" 2>&1
	echo "exit=$?" >>"$T/o-u"
	oracle="$T/o-u"
fi
on_traced -u 1000:100 -- "$as_1000" >"$T/t-u"
compare "iamroot-run -u 1000:100" "$oracle" "$T/t-u" <<'EOT'
1000
100
100
1000
f 1000 100
d 1000 100
ids:
  uid 1000 1000 1000 fs 1000  gid 100 100 100 fs 100  groups 100  caps eff 0 perm 0
setuid=0: EPERM
  uid 1000 1000 1000 fs 1000  gid 100 100 100 fs 100  groups 100  caps eff 0 perm 0
setgroups=0: EPERM
  uid 1000 1000 1000 fs 1000  gid 100 100 100 fs 100  groups 100  caps eff 0 perm 0
chown=f,0,0: EPERM
exit=0
EOT

root_vs_traced "set*id sequences" '
s() { echo "== $*"; "$F/idseq" "$@"; }
s ids setuid=1000 setuid=0 seteuid=0
s seteuid=1000 seteuid=2000 seteuid=0 setuid=1000 seteuid=0
s setresuid=1000,2000,0 setresuid=0,-1,-1 setresuid=-1,0,-1 setresuid=3000,3000,3000 setresuid=0,0,0
s setreuid=1000,2000 setreuid=-1,1000 setreuid=2000,-1 setreuid=0,-1
s setreuid=-1,1000 setreuid=-1,0 setreuid=1000,-1 setreuid=-1,0
s setfsuid=1000 setfsuid=0 setresuid=1000,1000,1000 setfsuid=0 setfsuid=1000 setfsuid=2000
s setgid=100 setgroups=1,2,3 setresgid=5,6,7 setegid=8 setregid=9,-1 setfsgid=10 setuid=1000 setgid=0 setegid=7 setgroups=
s keepcaps=1 setresuid=1000,1000,1000 keepcaps=0 setuid=0
s setresuid=1000,0,0 exec ids
s seteuid=1000 exec ids
s setresuid=1000,1000,0 exec ids seteuid=0
s fork setuid=1000 ids
echo "parent after fork:"; "$F/idseq" ids
' <<'EOT'
== ids setuid=1000 setuid=0 seteuid=0
ids:
  uid 0 0 0 fs 0  gid 0 0 0 fs 0  groups 0  caps eff a80425fb perm a80425fb
setuid=1000: ok
  uid 1000 1000 1000 fs 1000  gid 0 0 0 fs 0  groups 0  caps eff 0 perm 0
setuid=0: EPERM
  uid 1000 1000 1000 fs 1000  gid 0 0 0 fs 0  groups 0  caps eff 0 perm 0
seteuid=0: EPERM
  uid 1000 1000 1000 fs 1000  gid 0 0 0 fs 0  groups 0  caps eff 0 perm 0
== seteuid=1000 seteuid=2000 seteuid=0 setuid=1000 seteuid=0
seteuid=1000: ok
  uid 0 1000 0 fs 1000  gid 0 0 0 fs 0  groups 0  caps eff 0 perm a80425fb
seteuid=2000: EPERM
  uid 0 1000 0 fs 1000  gid 0 0 0 fs 0  groups 0  caps eff 0 perm a80425fb
seteuid=0: ok
  uid 0 0 0 fs 0  gid 0 0 0 fs 0  groups 0  caps eff a80425fb perm a80425fb
setuid=1000: ok
  uid 1000 1000 1000 fs 1000  gid 0 0 0 fs 0  groups 0  caps eff 0 perm 0
seteuid=0: EPERM
  uid 1000 1000 1000 fs 1000  gid 0 0 0 fs 0  groups 0  caps eff 0 perm 0
== setresuid=1000,2000,0 setresuid=0,-1,-1 setresuid=-1,0,-1 setresuid=3000,3000,3000 setresuid=0,0,0
setresuid=1000,2000,0: ok
  uid 1000 2000 0 fs 2000  gid 0 0 0 fs 0  groups 0  caps eff 0 perm a80425fb
setresuid=0,-1,-1: ok
  uid 0 2000 0 fs 2000  gid 0 0 0 fs 0  groups 0  caps eff 0 perm a80425fb
setresuid=-1,0,-1: ok
  uid 0 0 0 fs 0  gid 0 0 0 fs 0  groups 0  caps eff a80425fb perm a80425fb
setresuid=3000,3000,3000: ok
  uid 3000 3000 3000 fs 3000  gid 0 0 0 fs 0  groups 0  caps eff 0 perm 0
setresuid=0,0,0: EPERM
  uid 3000 3000 3000 fs 3000  gid 0 0 0 fs 0  groups 0  caps eff 0 perm 0
== setreuid=1000,2000 setreuid=-1,1000 setreuid=2000,-1 setreuid=0,-1
setreuid=1000,2000: ok
  uid 1000 2000 2000 fs 2000  gid 0 0 0 fs 0  groups 0  caps eff 0 perm 0
setreuid=-1,1000: ok
  uid 1000 1000 2000 fs 1000  gid 0 0 0 fs 0  groups 0  caps eff 0 perm 0
setreuid=2000,-1: EPERM
  uid 1000 1000 2000 fs 1000  gid 0 0 0 fs 0  groups 0  caps eff 0 perm 0
setreuid=0,-1: EPERM
  uid 1000 1000 2000 fs 1000  gid 0 0 0 fs 0  groups 0  caps eff 0 perm 0
== setreuid=-1,1000 setreuid=-1,0 setreuid=1000,-1 setreuid=-1,0
setreuid=-1,1000: ok
  uid 0 1000 1000 fs 1000  gid 0 0 0 fs 0  groups 0  caps eff 0 perm a80425fb
setreuid=-1,0: ok
  uid 0 0 1000 fs 0  gid 0 0 0 fs 0  groups 0  caps eff a80425fb perm a80425fb
setreuid=1000,-1: ok
  uid 1000 0 0 fs 0  gid 0 0 0 fs 0  groups 0  caps eff a80425fb perm a80425fb
setreuid=-1,0: ok
  uid 1000 0 0 fs 0  gid 0 0 0 fs 0  groups 0  caps eff a80425fb perm a80425fb
== setfsuid=1000 setfsuid=0 setresuid=1000,1000,1000 setfsuid=0 setfsuid=1000 setfsuid=2000
setfsuid=1000: old 0 ok
  uid 0 0 0 fs 1000  gid 0 0 0 fs 0  groups 0  caps eff a00425e0 perm a80425fb
setfsuid=0: old 1000 ok
  uid 0 0 0 fs 0  gid 0 0 0 fs 0  groups 0  caps eff a80425fb perm a80425fb
setresuid=1000,1000,1000: ok
  uid 1000 1000 1000 fs 1000  gid 0 0 0 fs 0  groups 0  caps eff 0 perm 0
setfsuid=0: old 1000 ok
  uid 1000 1000 1000 fs 1000  gid 0 0 0 fs 0  groups 0  caps eff 0 perm 0
setfsuid=1000: old 1000 ok
  uid 1000 1000 1000 fs 1000  gid 0 0 0 fs 0  groups 0  caps eff 0 perm 0
setfsuid=2000: old 1000 ok
  uid 1000 1000 1000 fs 1000  gid 0 0 0 fs 0  groups 0  caps eff 0 perm 0
== setgid=100 setgroups=1,2,3 setresgid=5,6,7 setegid=8 setregid=9,-1 setfsgid=10 setuid=1000 setgid=0 setegid=7 setgroups=
setgid=100: ok
  uid 0 0 0 fs 0  gid 100 100 100 fs 100  groups 0  caps eff a80425fb perm a80425fb
setgroups=1,2,3: ok
  uid 0 0 0 fs 0  gid 100 100 100 fs 100  groups 1,2,3  caps eff a80425fb perm a80425fb
setresgid=5,6,7: ok
  uid 0 0 0 fs 0  gid 5 6 7 fs 6  groups 1,2,3  caps eff a80425fb perm a80425fb
setegid=8: ok
  uid 0 0 0 fs 0  gid 5 8 7 fs 8  groups 1,2,3  caps eff a80425fb perm a80425fb
setregid=9,-1: ok
  uid 0 0 0 fs 0  gid 9 8 8 fs 8  groups 1,2,3  caps eff a80425fb perm a80425fb
setfsgid=10: old 8 ok
  uid 0 0 0 fs 0  gid 9 8 8 fs 10  groups 1,2,3  caps eff a80425fb perm a80425fb
setuid=1000: ok
  uid 1000 1000 1000 fs 1000  gid 9 8 8 fs 10  groups 1,2,3  caps eff 0 perm 0
setgid=0: EPERM
  uid 1000 1000 1000 fs 1000  gid 9 8 8 fs 10  groups 1,2,3  caps eff 0 perm 0
setegid=7: EPERM
  uid 1000 1000 1000 fs 1000  gid 9 8 8 fs 10  groups 1,2,3  caps eff 0 perm 0
setgroups=: EPERM
  uid 1000 1000 1000 fs 1000  gid 9 8 8 fs 10  groups 1,2,3  caps eff 0 perm 0
== keepcaps=1 setresuid=1000,1000,1000 keepcaps=0 setuid=0
keepcaps=1: ok
  uid 0 0 0 fs 0  gid 0 0 0 fs 0  groups 0  caps eff a80425fb perm a80425fb
setresuid=1000,1000,1000: ok
  uid 1000 1000 1000 fs 1000  gid 0 0 0 fs 0  groups 0  caps eff 0 perm a80425fb
keepcaps=0: ok
  uid 1000 1000 1000 fs 1000  gid 0 0 0 fs 0  groups 0  caps eff 0 perm a80425fb
setuid=0: EPERM
  uid 1000 1000 1000 fs 1000  gid 0 0 0 fs 0  groups 0  caps eff 0 perm a80425fb
== setresuid=1000,0,0 exec ids
setresuid=1000,0,0: ok
  uid 1000 0 0 fs 0  gid 0 0 0 fs 0  groups 0  caps eff a80425fb perm a80425fb
ids:
  uid 1000 0 0 fs 0  gid 0 0 0 fs 0  groups 0  caps eff a80425fb perm a80425fb
== seteuid=1000 exec ids
seteuid=1000: ok
  uid 0 1000 0 fs 1000  gid 0 0 0 fs 0  groups 0  caps eff 0 perm a80425fb
ids:
  uid 0 1000 1000 fs 1000  gid 0 0 0 fs 0  groups 0  caps eff 0 perm a80425fb
== setresuid=1000,1000,0 exec ids seteuid=0
setresuid=1000,1000,0: ok
  uid 1000 1000 0 fs 1000  gid 0 0 0 fs 0  groups 0  caps eff 0 perm a80425fb
ids:
  uid 1000 1000 1000 fs 1000  gid 0 0 0 fs 0  groups 0  caps eff 0 perm 0
seteuid=0: EPERM
  uid 1000 1000 1000 fs 1000  gid 0 0 0 fs 0  groups 0  caps eff 0 perm 0
== fork setuid=1000 ids
setuid=1000: ok
  uid 1000 1000 1000 fs 1000  gid 0 0 0 fs 0  groups 0  caps eff 0 perm 0
ids:
  uid 1000 1000 1000 fs 1000  gid 0 0 0 fs 0  groups 0  caps eff 0 perm 0
fork: child exited 0
parent after fork:
ids:
  uid 0 0 0 fs 0  gid 0 0 0 fs 0  groups 0  caps eff a80425fb perm a80425fb
exit=0
EOT
exit 0
