# A forked child reuses the scratch memory it inherited from its parent: in a
# guest root, 20 children that each open a path found only there and exec a
# program all succeed, and the whole run maps scratch memory exactly twice
# (once for the command's own exec, once for the program's first rewritten
# path), where a mapping per child would cost two more stops each.
. "$SRCDIR/tests/lib.sh"

as_user mkdir -p "$W/root/bin" "$W/root/only-here" || fail "mkdir in $W/root"
as_user cp "$P/fork-paths-static" "$W/root/bin/fork-paths" || fail "copying into $W/root"
as_user cp "$P/exit-code-static" "$W/root/bin/exit-code" || fail "copying into $W/root"
traced -vvv -r "$W/root" -- /bin/fork-paths 20 /only-here /bin/exit-code 2>"$T/log"; st=$?
[ "$st" = 0 ] || { tail -n 20 "$T/log" >&2; fail "fork-paths exited $st"; }
check_eq 2 "$(grep -c 'scratch mapped' "$T/log")" "scratch mappings for 20 forked children"
exit 0
