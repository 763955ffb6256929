# access() and faccessat(AT_EACCESS) answer as for root: R and W pass
# whatever the mode (000 too), X only when some x bit is set, or on a
# directory; and as for a user after the ids change: access() checks the
# real uid (root still when only the effective one dropped), AT_EACCESS the
# effective one, against the fake owner, group and mode.  Oracle: the same
# commands as real root.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/fakeroot/lib-fakeroot.sh"

root_vs_traced "access as root and after a change of ids" '
for m in 000 100 010 001 400 200 644 755; do touch f$m; chmod $m f$m; done
mkdir d000 d700; chmod 000 d000; chmod 700 d700
touch own grp; chown 1000:0 own; chmod 640 own; chown 0:1000 grp; chmod 070 grp
set -- f000 f100 f010 f001 f400 f200 f644 f755 d000 d700 own grp
args=
for f; do args="$args access=$f"; done
"$F/idseq" $args
args=
for f; do args="$args eaccess=$f"; done
"$F/idseq" seteuid=1000 $args
"$F/idseq" setregid=-1,1000 setresuid=1000,1000,1000 $args
' <<'EOT'
access=f000: F:ok R:ok W:ok X:EACCES RW:ok RWX:EACCES
access=f100: F:ok R:ok W:ok X:ok RW:ok RWX:ok
access=f010: F:ok R:ok W:ok X:ok RW:ok RWX:ok
access=f001: F:ok R:ok W:ok X:ok RW:ok RWX:ok
access=f400: F:ok R:ok W:ok X:EACCES RW:ok RWX:EACCES
access=f200: F:ok R:ok W:ok X:EACCES RW:ok RWX:EACCES
access=f644: F:ok R:ok W:ok X:EACCES RW:ok RWX:EACCES
access=f755: F:ok R:ok W:ok X:ok RW:ok RWX:ok
access=d000: F:ok R:ok W:ok X:ok RW:ok RWX:ok
access=d700: F:ok R:ok W:ok X:ok RW:ok RWX:ok
access=own: F:ok R:ok W:ok X:EACCES RW:ok RWX:EACCES
access=grp: F:ok R:ok W:ok X:ok RW:ok RWX:ok
seteuid=1000: ok
  uid 0 1000 0 fs 1000  gid 0 0 0 fs 0  groups 0  caps eff 0 perm a80425fb
eaccess=f000: F:ok R:EACCES W:EACCES X:EACCES RW:EACCES RWX:EACCES
eaccess=f100: F:ok R:EACCES W:EACCES X:EACCES RW:EACCES RWX:EACCES
eaccess=f010: F:ok R:EACCES W:EACCES X:ok RW:EACCES RWX:EACCES
eaccess=f001: F:ok R:EACCES W:EACCES X:EACCES RW:EACCES RWX:EACCES
eaccess=f400: F:ok R:EACCES W:EACCES X:EACCES RW:EACCES RWX:EACCES
eaccess=f200: F:ok R:EACCES W:EACCES X:EACCES RW:EACCES RWX:EACCES
eaccess=f644: F:ok R:ok W:EACCES X:EACCES RW:EACCES RWX:EACCES
eaccess=f755: F:ok R:ok W:EACCES X:ok RW:EACCES RWX:EACCES
eaccess=d000: F:ok R:EACCES W:EACCES X:EACCES RW:EACCES RWX:EACCES
eaccess=d700: F:ok R:EACCES W:EACCES X:EACCES RW:EACCES RWX:EACCES
eaccess=own: F:ok R:ok W:ok X:EACCES RW:ok RWX:EACCES
eaccess=grp: F:ok R:EACCES W:EACCES X:EACCES RW:EACCES RWX:EACCES
setregid=-1,1000: ok
  uid 0 0 0 fs 0  gid 0 1000 1000 fs 1000  groups 0  caps eff a80425fb perm a80425fb
setresuid=1000,1000,1000: ok
  uid 1000 1000 1000 fs 1000  gid 0 1000 1000 fs 1000  groups 0  caps eff 0 perm 0
eaccess=f000: F:ok R:EACCES W:EACCES X:EACCES RW:EACCES RWX:EACCES
eaccess=f100: F:ok R:EACCES W:EACCES X:EACCES RW:EACCES RWX:EACCES
eaccess=f010: F:ok R:EACCES W:EACCES X:ok RW:EACCES RWX:EACCES
eaccess=f001: F:ok R:EACCES W:EACCES X:EACCES RW:EACCES RWX:EACCES
eaccess=f400: F:ok R:EACCES W:EACCES X:EACCES RW:EACCES RWX:EACCES
eaccess=f200: F:ok R:EACCES W:EACCES X:EACCES RW:EACCES RWX:EACCES
eaccess=f644: F:ok R:ok W:EACCES X:EACCES RW:EACCES RWX:EACCES
eaccess=f755: F:ok R:ok W:EACCES X:ok RW:EACCES RWX:EACCES
eaccess=d000: F:ok R:EACCES W:EACCES X:EACCES RW:EACCES RWX:EACCES
eaccess=d700: F:ok R:EACCES W:EACCES X:EACCES RW:EACCES RWX:EACCES
eaccess=own: F:ok R:ok W:ok X:EACCES RW:ok RWX:EACCES
eaccess=grp: F:ok R:ok W:ok X:ok RW:ok RWX:ok
exit=0
EOT
exit 0
